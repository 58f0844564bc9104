// Assertions for the round-trip tests: each check throws an Error describing the mismatch.
function assert(cond, what) {
	if (!cond) throw new Error("assertion failed: " + what);
}

function show(v) {
	if (typeof v === "string") return JSON.stringify(v);
	if (typeof v === "bigint") return v + "n";
	if (Object.is(v, -0)) return "-0";
	return String(v);
}

function eq(actual, expected, what) {
	if (!Object.is(actual, expected)) {
		throw new Error((what || "value") + ": got " + show(actual) + ", want " + show(expected));
	}
}

function eqKeys(obj, expected, what) {
	eq(JSON.stringify(Object.keys(obj)), JSON.stringify(expected), (what || "keys"));
}

// distinct asserts that a copy is a new object of the expected class, not the original.
function distinct(orig, copy, proto) {
	assert(typeof copy === "object" && copy !== null, "copy is an object");
	assert(copy !== orig, "copy is a new object");
	eq(Object.getPrototypeOf(copy), proto, "prototype");
}
