package cloudflaretest

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// Decode stores v, a value that came from JavaScript (what Stub.Call, Object.Eval or KV.Get
// returned), in the value out points to.
//
// When v's type can be assigned to *out as it is, it is (an `any`, a map[string]any, a
// time.Time, a []byte, a *big.Int). Otherwise v goes through encoding/json into out, so structs
// are filled by their JSON tags and numbers fit any numeric field that holds them: float64
// 3 fills an int, a *big.Int fills an int64 or a *big.Int, a time.Time fills a time.Time, a
// []byte fills a []byte. What JSON cannot carry (NaN, a Map with non-string keys) is an error.
func Decode(v any, out any) error {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("cloudflaretest.Decode needs a non-nil pointer to store into, got %T", out)
	}
	target := rv.Elem()
	if v == nil {
		target.SetZero()
		return nil
	}
	if src := reflect.ValueOf(v); src.Type().AssignableTo(target.Type()) {
		target.Set(src)
		return nil
	}

	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("failed to decode %T into %s: %w", v, target.Type(), err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return fmt.Errorf("failed to decode %T into %s: JavaScript gave %s where Go expects %s%s",
				v, target.Type(), typeErr.Value, typeErr.Type, fieldSuffix(typeErr.Field))
		}
		return fmt.Errorf("failed to decode %T into %s: %w", v, target.Type(), err)
	}
	return nil
}

func fieldSuffix(field string) string {
	if field == "" {
		return ""
	}
	return " (field " + field + ")"
}
