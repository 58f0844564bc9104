package storage

// pragmaState holds the boolean pragmas user SQL may set. They belong to the connection,
// not to the data, so a savepoint does not undo them; frames remember them instead.
type pragmaState struct {
	caseSensitiveLike       bool
	deferForeignKeys        bool
	foreignKeys             bool
	ignoreCheckConstraints  bool
	legacyAlterTable        bool
	recursiveTriggers       bool
	reverseUnorderedSelects bool
}

// defaultPragmas is the state Open leaves: workerd enables foreign keys.
var defaultPragmas = pragmaState{foreignKeys: true}

func (s *pragmaState) field(name string) *bool {
	switch name {
	case "case_sensitive_like":
		return &s.caseSensitiveLike
	case "defer_foreign_keys":
		return &s.deferForeignKeys
	case "foreign_keys":
		return &s.foreignKeys
	case "ignore_check_constraints":
		return &s.ignoreCheckConstraints
	case "legacy_alter_table":
		return &s.legacyAlterTable
	case "recursive_triggers":
		return &s.recursiveTriggers
	case "reverse_unordered_selects":
		return &s.reverseUnorderedSelects
	}
	return nil
}

var pragmaNames = []string{
	"case_sensitive_like", "defer_foreign_keys", "foreign_keys", "ignore_check_constraints",
	"legacy_alter_table", "recursive_triggers", "reverse_unordered_selects",
}

// applied records that a user statement set a pragma. SQLite ignores foreign_keys inside
// a transaction, so its value is read back rather than assumed.
func (d *database) applied(w *pragmaWrite) error {
	if w.name != "foreign_keys" {
		*d.pragmas.field(w.name) = w.on
		return nil
	}
	_, err := d.queryRow("PRAGMA foreign_keys", func(p uintptr) {
		d.pragmas.foreignKeys = d.c.columnInt64(p, 0) != 0
	})
	return err
}

// restorePragmas sets back every tracked pragma that differs from want.
func (d *database) restorePragmas(want pragmaState) error {
	if d.pragmas == want {
		return nil
	}
	for _, name := range pragmaNames {
		on := *want.field(name)
		if *d.pragmas.field(name) == on {
			continue
		}
		value := "OFF"
		if on {
			value = "ON"
		}
		if err := d.execOnce("PRAGMA " + name + " = " + value); err != nil {
			return err
		}
		*d.pragmas.field(name) = on
	}
	return nil
}
