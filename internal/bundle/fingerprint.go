package bundle

import (
	"hash/maphash"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// racyWindow is how long after a file's modification time its size and mtime alone are not
// trusted: a file system with coarse timestamps can give a second write the same mtime as
// the first, so within this window a check compares contents.
const racyWindow = 2 * time.Second

// configNames are the files that steer how esbuild resolves and compiles the files of their
// directory and below: tsconfig paths and decorators, package exports and main fields.
var configNames = []string{"tsconfig.json", "jsconfig.json", "package.json"}

// fileState is what a build saw of one input file.
type fileState struct {
	size    int64
	modTime time.Time
	hash    uint64
	checked time.Time // when size and modTime were last confirmed against the contents
}

// fingerprint is what a build saw of all its inputs, by absolute path.
type fingerprint map[string]*fileState

// hashSeed is shared by every fingerprint of the process, so hashes compare across builds.
var hashSeed = maphash.MakeSeed()

// newFileState describes a file from the stat taken before it was read and its contents.
func newFileState(info fs.FileInfo, data []byte) *fileState {
	return &fileState{
		size:    info.Size(),
		modTime: info.ModTime(),
		hash:    maphash.Bytes(hashSeed, data),
		checked: time.Now(),
	}
}

// unchanged reports whether every input still has the contents the build saw. Size and mtime
// settle most files with one stat; a file whose stat changed, or changed too recently to be
// trusted, is read and hashed, so touching a file without editing it keeps the bundle.
func (fp fingerprint) unchanged() bool {
	for path, st := range fp {
		info, err := os.Stat(path)
		if err != nil {
			return false
		}
		sameStat := info.Size() == st.size && info.ModTime().Equal(st.modTime)
		if sameStat && st.checked.Sub(st.modTime) > racyWindow {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil || maphash.Bytes(hashSeed, data) != st.hash {
			return false
		}
		st.size, st.modTime, st.checked = info.Size(), info.ModTime(), time.Now()
	}
	return true
}

// addConfigs adds to fp the tsconfig.json, jsconfig.json and package.json files of the
// directories of its inputs and their parents, since editing them changes the output.
//
// Two kinds of change still go unseen, and keep a stale bundle until an input changes: a
// tsconfig reached only through "extends" from another directory (a shared base config or
// a package such as @tsconfig/strictest), and a new file that would now win resolution
// (a new tsconfig.json, or a.ts created beside the a.js that an import resolved to).
func (fp fingerprint) addConfigs() {
	seen := map[string]bool{}
	for _, path := range slices.Collect(maps.Keys(fp)) {
		for dir := filepath.Dir(path); !seen[dir]; dir = filepath.Dir(dir) {
			seen[dir] = true
			for _, name := range configNames {
				fp.addFile(filepath.Join(dir, name))
			}
		}
	}
}

// addFile adds one file, if it exists and is not there yet.
func (fp fingerprint) addFile(path string) {
	if _, ok := fp[path]; ok {
		return
	}
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	fp[path] = newFileState(info, data)
}

// paths returns the input paths, sorted.
func (fp fingerprint) paths() []string {
	return slices.Sorted(maps.Keys(fp))
}
