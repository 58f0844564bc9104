package vitest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEachNames(t *testing.T) {
	o := runFile(t, testdata(t), "each.test.ts", nil)
	assert.Equal(t, []string{
		"add(1, 1) -> 2: pass",
		"add(1, 2) -> 3: pass",
		"s: a|{ x: 1 }|1,2|-0|10n: pass",
		// vitest signs the i-th %f by the i-th argument, not by the one the %f prints.
		`n: 1.5 1 0 {"a":1} 'x' [ 1 ]: pass`,
		"f: -0 -0: pass",
		"c: 7: pass",
		// vitest formats "%%" with the case's next argument appended, and so does dotest.
		"quirk: 100% 5 done NaN: pass",
		"index 0 of 1: a: pass",
		"index 1 of 2: b: pass",
		"obj: 1 and 'x', 2, undefined: pass",
		"array: first 10 second 20, $x: pass",
		"primitive: 1 costs $x: pass",
		"long: { aaaa: 1, bbbb: 2, cccc: 3, …(3) }: pass",
		"table: 1 'x': pass",
		"table: 2 'y': pass",
		"for: 1 2: pass",
		"for: 3 4: pass",
		"for string: x: pass",
		"suite one > has its case: pass",
		"suite two > has its case: pass",
		"suite for 1 a > got the row: pass",
		"with options 1: pass",
		"with options 2: pass",
	}, o.states())
	assert.Empty(t, o.result.Errors)
}
