package web

// compat answers which compatibility-dated behaviours a runtime has, from the project's
// compatibility_date and compatibility_flags, as workerd decides them.
type compat struct {
	date  string
	flags map[string]bool
}

func newCompat(date string, flags []string) compat {
	c := compat{date: date, flags: map[string]bool{}}
	for _, f := range flags {
		c.flags[f] = true
	}
	return c
}

// compatFlag is one behaviour that changed at a compatibility date: enable and disable are
// the flags that force it either way, since the date on which it became the default.
type compatFlag struct {
	enable, disable, since string
}

// The behaviours of this package that depend on the compatibility date.
var (
	flagWebSocketBlob = compatFlag{
		"websocket_standard_binary_type", "no_websocket_standard_binary_type", "2026-03-17"}
	flagWebSocketAutoClose = compatFlag{
		"web_socket_auto_reply_to_close", "web_socket_manual_reply_to_close", "2026-04-07"}
	flagWebSocketReasonLimit = compatFlag{
		"websocket_close_reason_byte_limit", "no_websocket_close_reason_byte_limit", "2026-03-03"}
	flagPedanticWPT = compatFlag{"pedantic_wpt", "non_pedantic_wpt", ""}
)

// on reports whether f is in effect.
func (c compat) on(f compatFlag) bool {
	switch {
	case c.flags[f.enable]:
		return true
	case c.flags[f.disable]:
		return false
	case f.since == "":
		return false
	case c.date == "":
		return true
	}
	return c.date >= f.since
}

// The Request cache option and its no-cache mode.
var (
	flagCacheOption  = compatFlag{"cache_option_enabled", "cache_option_disabled", "2024-11-11"}
	flagCacheNoCache = compatFlag{"cache_no_cache_enabled", "cache_no_cache_disabled", "2025-08-07"}
)

// flagStrictCompression makes DecompressionStream reject trailing and incomplete data.
var flagStrictCompression = compatFlag{"strict_compression_checks", "no_strict_compression_checks", "2023-08-01"}
