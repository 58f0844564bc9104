package bundle

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
)

// mainModule is the name of the virtual module that evaluates the worker's main module and
// hands its namespace to the runtime.
const mainModule = "dotest:main"

// entryName names the generated entry in diagnostics and in the source map.
const entryName = "<dotest entry>"

// banner and footer wrap the whole bundle in an async function, so that top-level await works
// in every module, and hand the promise of its evaluation to the runtime. The footer must
// stay before the sourceMappingURL comment, which goja reads only on the last line.
const (
	banner = "globalThis.__dotest.loaded = (async () => {"
	footer = "})();"
)

// entrySource is the code of the generated entry: side-effect imports in evaluation order,
// so that the test file's own exports do not become exports of the bundle.
func entrySource(req Request) string {
	var b strings.Builder
	if req.Main != "" {
		b.WriteString("import " + jsString(mainModule) + ";\n")
	}
	for _, f := range req.SetupFiles {
		b.WriteString("import " + jsString(f) + ";\n")
	}
	b.WriteString("import " + jsString(req.TestFile) + ";\n")
	return b.String()
}

// mainSource is the code of the dotest:main module.
func mainSource(main string) string {
	return "import * as m from " + jsString(main) + ";\nglobalThis.__dotest.setMain(m);\n"
}

// importMetaName is the local name that import.meta is replaced with. Each module that uses
// import.meta gets an import of that name, so the replacement binds per module.
const importMetaName = "__dotest_import_meta"

// importMetaPrefix starts the specifier of the virtual module that holds one file's
// import.meta.
const importMetaPrefix = "dotest-meta:"

// importMetaImport is appended to a module that mentions import.meta. Imports are hoisted, so
// appending keeps every line and column of the file where it was. The test is textual: a
// mention in a comment adds an unused import, and a CommonJS file that mentions it becomes
// an ES module, which it had to be to use import.meta anyway.
func importMetaImport(file string) string {
	return "\nimport * as " + importMetaName + " from " + jsString(importMetaPrefix+file) + ";\n"
}

// importMetaSource is the code of the import.meta module of file: its URL, as workerd gives
// it, plus the filename, dirname and env that code written for Vite and Node reads.
func importMetaSource(file string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(file)}
	var b strings.Builder
	b.WriteString("export const url = " + jsString(u.String()) + ";\n")
	b.WriteString("export const filename = " + jsString(file) + ";\n")
	b.WriteString("export const dirname = " + jsString(filepath.Dir(file)) + ";\n")
	b.WriteString(`export const env = { MODE: "test", DEV: true, PROD: false, SSR: true, BASE_URL: "/" };` + "\n")
	return b.String()
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	out, _ := json.Marshal(s) // a string always marshals
	return string(out)
}
