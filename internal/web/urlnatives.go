package web

import "github.com/dop251/goja"

// urlNatives gives the JS URL classes the Go URL parser.
func urlNatives(e *env) goja.Value {
	return e.natives(map[string]any{
		"parse":      e.urlParse,
		"set":        e.urlSet,
		"formEncode": formEncode,
		"formDecode": e.formDecode,
	})
}

// urlParse returns the components of input parsed against base (undefined for none), or
// null when either does not parse.
func (e *env) urlParse(input string, base goja.Value) goja.Value {
	var b *string
	if base != nil && !goja.IsUndefined(base) {
		s := base.String()
		b = &s
	}
	u, err := parseWithBase(input, b)
	if err != nil {
		return goja.Null()
	}
	return e.vm.ToValue(u.parts())
}

// urlSet applies a setter to href and returns the new components, or null when the href
// setter is given a URL that does not parse.
func (e *env) urlSet(href, name, value string) goja.Value {
	u, err := setURLComponent(href, name, value)
	if err != nil {
		return goja.Null()
	}
	return e.vm.ToValue(u.parts())
}

// formDecode parses application/x-www-form-urlencoded text into [name, value] pairs.
func (e *env) formDecode(s string) goja.Value {
	pairs := formDecode(s)
	out := make([]any, len(pairs))
	for i, p := range pairs {
		out[i] = []any{p[0], p[1]}
	}
	return e.vm.ToValue(out)
}
