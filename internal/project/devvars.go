package project

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/dotest-dev/dotest/internal/diag"
)

// dotenvLine is the line grammar of the dotenv package that wrangler uses: KEY=value or
// KEY: value, an optional "export", values in single, double or back quotes that may span
// lines, and comments. Lines that do not match are skipped, as dotenv skips them.
var dotenvLine = regexp.MustCompile(`(?m)^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|` +
	`\s*"(?:\\"|[^"])*"|\s*` + "`(?:\\\\`|[^`])*`" + `|[^#\r\n]+)?\s*(?:#.*)?$`)

var dotenvQuoted = regexp.MustCompile("^(['\"`])([\\s\\S]*)['\"`]$")

// parseDotenv parses the text of a .dev.vars or .env file.
func parseDotenv(text string) map[string]string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	out := map[string]string{}
	for _, m := range dotenvLine.FindAllStringSubmatch(text, -1) {
		val := strings.TrimSpace(m[2])
		quote := byte(0)
		if val != "" {
			quote = val[0]
		}
		if q := dotenvQuoted.FindStringSubmatch(val); q != nil && val[len(val)-1] == q[1][0] {
			val = q[2]
		}
		if quote == '"' {
			val = strings.ReplaceAll(strings.ReplaceAll(val, `\n`, "\n"), `\r`, "\r")
		}
		out[m[1]] = val
	}
	return out
}

// loadSecrets reads the local secrets next to the wrangler configuration the way wrangler
// dev does: `.dev.vars.<env>` or else `.dev.vars`; when neither exists, the `.env` files
// (`.env`, `.env.local`, `.env.<env>`, `.env.<env>.local`, later ones overriding), unless
// CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV is "false". It returns nil when there are none.
//
// Known gap: `${VAR}` references inside .env files are not expanded, as dotenv-expand does
// for wrangler; the text is kept as written.
func loadSecrets(root, dir, env string, c *collector) map[string]string {
	var candidates []string
	if env != "" {
		candidates = append(candidates, ".dev.vars."+env)
	}
	for _, name := range append(candidates, ".dev.vars") {
		if vals, ok := readDotenv(root, filepath.Join(dir, name), c); ok {
			return vals
		}
	}

	if os.Getenv("CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV") == "false" {
		return nil
	}
	names := []string{".env", ".env.local"}
	if env != "" {
		names = append(names, ".env."+env, ".env."+env+".local")
	}
	var merged map[string]string
	for _, name := range names {
		vals, ok := readDotenv(root, filepath.Join(dir, name), c)
		if !ok {
			continue
		}
		if merged == nil {
			merged = map[string]string{}
		}
		for k, v := range vals {
			merged[k] = v
		}
	}
	return merged
}

// readDotenv reads one dotenv file; ok is false when it does not exist or cannot be read.
func readDotenv(root, path string, c *collector) (map[string]string, bool) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	if err != nil {
		c.warnf(&diag.Location{File: displayPath(root, path)}, "", "cannot read local secrets: %v",
			unwrapPathError(err))
		return nil, false
	}
	return parseDotenv(string(data)), true
}

// mergeSecrets adds the secrets to vars. When the wrangler configuration declares
// `secrets`, only the keys that are already vars or are required secrets are taken, and
// the missing required ones are reported, as wrangler does.
func mergeSecrets(w *wranglerConfig, secrets map[string]string, vars map[string]any, c *collector,
	loc *diag.Location) map[string]string {
	kept := map[string]string{}
	for k, v := range secrets {
		if w != nil && w.hasSecrets {
			if _, isVar := vars[k]; !isVar && !slices.Contains(w.secrets, k) {
				continue
			}
		}
		kept[k] = v
		vars[k] = v
	}

	if w != nil && w.hasSecrets {
		var missing []string
		for _, k := range w.secrets {
			if _, ok := secrets[k]; !ok {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			c.warnf(loc, "add them to .dev.vars", "Missing required secrets: %s.", strings.Join(missing, ", "))
		}
	}
	return kept
}
