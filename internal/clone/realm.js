// Captures the built-ins that cloning reads and builds values with. It runs once per runtime,
// as early as possible, so that user code replacing a global later (a test that fakes Date,
// a polyfill that patches Map.prototype.set) does not change how values are copied: V8 reads
// and creates these objects through their internal slots, never through user-visible lookups.
(function () {
	"use strict";
	const describe = Object.getOwnPropertyDescriptor;
	const getter = (proto, name) => {
		const desc = describe(proto, name);
		return desc === undefined ? undefined : desc.get;
	};
	const typedArray = Object.getPrototypeOf(Int8Array.prototype);

	// Indexed by the bit of each flag in the wire format: g i m y u s l d v.
	const flagNames = [
		"global", "ignoreCase", "multiline", "sticky", "unicode", "dotAll",
		"linear", "hasIndices", "unicodeSets",
	];

	const views = {};
	for (const name of [
		"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
		"Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array",
		"BigInt64Array", "BigUint64Array", "DataView",
	]) {
		views[name] = globalThis[name];
	}

	return {
		objectPrototype: Object.prototype,
		objectToString: Object.prototype.toString,
		getOwnPropertyDescriptor: describe,
		functionToString: Function.prototype.toString,
		Date,
		RegExp,
		Map,
		Set,
		mapSet: Map.prototype.set,
		mapForEach: Map.prototype.forEach,
		setAdd: Set.prototype.add,
		setForEach: Set.prototype.forEach,
		stringValueOf: String.prototype.valueOf,
		regExpSource: getter(RegExp.prototype, "source"),
		regExpFlags: flagNames.map((name) => getter(RegExp.prototype, name)),
		typedArrayBuffer: getter(typedArray, "buffer"),
		typedArrayByteOffset: getter(typedArray, "byteOffset"),
		typedArrayByteLength: getter(typedArray, "byteLength"),
		typedArrayName: getter(typedArray, Symbol.toStringTag),
		dataViewBuffer: getter(DataView.prototype, "buffer"),
		dataViewByteOffset: getter(DataView.prototype, "byteOffset"),
		dataViewByteLength: getter(DataView.prototype, "byteLength"),
		views,
		errors: [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError],
	};
})();
