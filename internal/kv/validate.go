package kv

import (
	"fmt"
	"strconv"
)

// Limits of Workers KV, as Miniflare enforces them locally.
const (
	// MaxKeyBytes is the longest key, in UTF-8 bytes; list prefixes are held to it too.
	MaxKeyBytes = 512
	// MaxValueBytes is the largest value: 25 MiB.
	MaxValueBytes = 25 << 20
	// MaxMetadataBytes is the largest metadata, as JSON text.
	MaxMetadataBytes = 1024
	// MinExpirationTTL is the shortest time to live, in seconds, of an expiring key.
	MinExpirationTTL = 60
	// MinCacheTTL is the smallest cacheTtl a read accepts, in seconds.
	MinCacheTTL = 30
	// MaxListKeys is the most keys one list() returns, and its default limit.
	MaxListKeys = 1000
	// MaxBulkKeys is the most keys one bulk get() reads.
	MaxBulkKeys = 100
	// maxBulkBytes bounds the values one bulk get() returns together.
	maxBulkBytes = 25 << 20
)

// The operations, as workerd names them in its error texts.
const (
	opGet     = "GET"
	opGetBulk = "GET_BULK"
	opPut     = "PUT"
	opDelete  = "DELETE"
	opList    = "GET" // list() is a GET of the namespace, and its errors say so
)

// Error is a failed operation, with the class and the text that workerd's KV binding
// throws: checks made by the binding itself are TypeErrors or Errors of their own, those
// made by the KV service come back as "KV <OP> failed: <status> <text>".
type Error struct {
	// TypeError makes JS throw a TypeError rather than an Error.
	TypeError bool
	Message   string
}

func (e *Error) Error() string { return e.Message }

// httpError is a refusal of the KV service, as workerd reports the status it received.
func httpError(op string, status int, format string, args ...any) *Error {
	return &Error{Message: fmt.Sprintf("KV %s failed: %d %s", op, status, fmt.Sprintf(format, args...))}
}

// checkKeyName makes workerd's own checks of a key, before any request is sent.
func checkKeyName(op, key string) error {
	switch key {
	case "":
		return &Error{TypeError: true, Message: "Key name cannot be empty."}
	case ".", "..":
		return &Error{TypeError: true, Message: strconv.Quote(key) + " is not allowed as a key name."}
	}
	if len(key) > MaxKeyBytes {
		return httpError(op, 414, "UTF-8 encoded length of %d exceeds key length limit of %d.", len(key), MaxKeyBytes)
	}
	return nil
}

// checkServiceKey makes the KV service's checks of a key, which are the only ones a bulk
// get meets: workerd sends its keys unchecked.
func checkServiceKey(op, key string) error {
	switch key {
	case "":
		return httpError(op, 400, "Key names must not be empty")
	case ".", "..":
		return httpError(op, 400, "Illegal key name \"%s\". Please use a different name.", key)
	}
	if len(key) > MaxKeyBytes {
		return httpError(op, 414, "UTF-8 encoded length of %d exceeds key length limit of %d.", len(key), MaxKeyBytes)
	}
	return nil
}

func checkCacheTTL(op string, ttl *int64) error {
	if ttl != nil && *ttl < MinCacheTTL {
		return httpError(op, 400, "Invalid cache_ttl of %d. Cache TTL must be at least %d.", *ttl, MinCacheTTL)
	}
	return nil
}

// expiration returns when a put's key expires, in seconds since the Unix epoch (0 for
// never), from its options and the current time in seconds. A TTL wins over an expiration.
func expiration(opts PutOptions, now int64) (int64, error) {
	if ttl := opts.ExpirationTTL; ttl != nil {
		if *ttl <= 0 {
			return 0, httpError(opPut, 400,
				"Invalid expiration_ttl of %d. Please specify integer greater than 0.", *ttl)
		}
		if *ttl < MinExpirationTTL {
			return 0, httpError(opPut, 400, "Invalid expiration_ttl of %d. Expiration TTL must be at least %d.",
				*ttl, MinExpirationTTL)
		}
		return now + *ttl, nil
	}
	exp := opts.Expiration
	if exp == nil {
		return 0, nil
	}
	if *exp <= now {
		return 0, httpError(opPut, 400, "Invalid expiration of %d. Please specify integer greater than the current "+
			"number of seconds since the UNIX epoch.", *exp)
	}
	if *exp < now+MinExpirationTTL {
		return 0, httpError(opPut, 400, "Invalid expiration of %d. Expiration times must be at least %d seconds in "+
			"the future.", *exp, MinExpirationTTL)
	}
	return *exp, nil
}

func checkPut(opts PutOptions, value []byte) error {
	if n := len(opts.Metadata); n > MaxMetadataBytes {
		return httpError(opPut, 413, "Metadata length of %d exceeds limit of %d.", n, MaxMetadataBytes)
	}
	if n := len(value); n > MaxValueBytes {
		return httpError(opPut, 413, "Value length of %d exceeds limit of %d.", n, MaxValueBytes)
	}
	return nil
}

func checkList(opts ListOptions) error {
	if opts.Limit > MaxListKeys {
		return httpError(opList, 400, "Invalid key_count_limit of %d. Please specify an integer less than %d.",
			opts.Limit, MaxListKeys)
	}
	if len(opts.Prefix) > MaxKeyBytes {
		return httpError(opList, 414, "UTF-8 encoded length of %d exceeds key length limit of %d.",
			len(opts.Prefix), MaxKeyBytes)
	}
	return nil
}

// checkBulk makes the KV service's checks of a bulk get, in its order.
func checkBulk(keys []string, typ string, cacheTTL *int64) error {
	if typ != "" && typ != "text" && typ != "json" {
		return httpError(opGetBulk, 400, "\"%s\" is not a valid type. Use \"json\" or \"text\"", typ)
	}
	if len(keys) > MaxBulkKeys {
		return httpError(opGetBulk, 400, "You can request a maximum of %d keys", MaxBulkKeys)
	}
	if len(keys) < 1 {
		return httpError(opGetBulk, 400, "You must request a minimum of 1 key")
	}
	for _, k := range keys {
		if err := checkServiceKey(opGetBulk, k); err != nil {
			return err
		}
		if err := checkCacheTTL(opGetBulk, cacheTTL); err != nil {
			return err
		}
	}
	return nil
}
