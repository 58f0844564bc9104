// Command scripts prints the names of the scripts Go's unicode package knows, as JSON, for
// genprops.mjs.
package main

import (
	"encoding/json"
	"os"
	"slices"
	"unicode"
)

func main() {
	names := make([]string, 0, len(unicode.Scripts))
	for n := range unicode.Scripts {
		names = append(names, n)
	}
	slices.Sort(names)
	_ = json.NewEncoder(os.Stdout).Encode(names)
}
