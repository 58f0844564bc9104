// equals.js: vitest's recursive equality. `equals(a, b, testers, strict)`
// is what toEqual (testers: iterableEquality) and toStrictEqual (strict,
// plus typeEquality, sparseArrayEquality and arrayBufferEquality) use.
// Without `strict`, properties whose value is undefined are ignored.
// Asymmetric matchers on either side decide for themselves.

const customTesters = []

function isAsymmetric(obj) {
  return Boolean(obj) && typeof obj === 'object' && 'asymmetricMatch' in obj
    && typeof obj.asymmetricMatch === 'function'
}

function asymmetricResult(a, b, testers) {
  const aAsym = isAsymmetric(a)
  const bAsym = isAsymmetric(b)
  if (aAsym && bAsym) {
    return undefined
  }
  if (aAsym) {
    return a.asymmetricMatch(b, testers)
  }
  if (bAsym) {
    return b.asymmetricMatch(a, testers)
  }
  return undefined
}

function isError(value) {
  switch (Object.prototype.toString.call(value)) {
    case '[object Error]':
    case '[object Exception]':
    case '[object DOMException]':
      return true
  }
  return value instanceof Error
}

function hasOwnKey(obj, key) {
  return Object.hasOwn(obj, key)
}

function hasDefinedKey(obj, key) {
  return Object.hasOwn(obj, key) && obj[key] !== undefined
}

function equals(a, b, testers, strict) {
  return eq(a, b, [], [], testers || [], strict ? hasOwnKey : hasDefinedKey)
}

// equalKeys lists the keys compared: own enumerable strings (what vitest's
// for-in filtered by hasKey yields; for-in itself is slow in goja) and own
// enumerable symbols.
function equalKeys(obj, hasKey) {
  const names = Object.keys(obj)
  const keys = []
  for (let i = 0; i < names.length; i++) {
    if (hasKey(obj, names[i])) {
      keys.push(names[i])
    }
  }
  const symbols = Object.getOwnPropertySymbols(obj)
  for (let i = 0; i < symbols.length; i++) {
    if (Object.getOwnPropertyDescriptor(obj, symbols[i]).enumerable) {
      keys.push(symbols[i])
    }
  }
  return keys
}

// eqPrimitiveLike compares values whose class decides equality on its own
// (boxed primitives, dates, regexps), or returns undefined.
function eqPrimitiveLike(a, b, className) {
  switch (className) {
    case '[object Boolean]':
    case '[object String]':
    case '[object Number]':
      if (typeof a !== typeof b) {
        return false
      }
      if (typeof a !== 'object' && typeof b !== 'object') {
        return Object.is(a, b)
      }
      return Object.is(a.valueOf(), b.valueOf())
    case '[object Date]': {
      const x = +a
      const y = +b
      return x === y || (Number.isNaN(x) && Number.isNaN(y))
    }
    case '[object RegExp]':
      return a.source === b.source && a.flags === b.flags
  }
  return undefined
}

const TESTER_CONTEXT = { equals }

function isPrimitive(value) {
  return value === null || (typeof value !== 'object' && typeof value !== 'function')
}

function eq(a, b, aStack, bStack, testers, hasKey) {
  // Two primitives are equal when Object.is says so: no built-in tester
  // decides otherwise, so only user testers need the long way.
  if (customTesters.length === 0 && isPrimitive(a) && isPrimitive(b)) {
    return Object.is(a, b)
  }
  const asym = asymmetricResult(a, b, testers)
  if (asym !== undefined) {
    return asym
  }
  // Indexed loops: goja's for-of allocates an iterator on every call.
  for (let i = 0; i < testers.length; i++) {
    const result = testers[i].call(TESTER_CONTEXT, a, b, testers)
    if (result !== undefined) {
      return result
    }
  }
  if (typeof URL === 'function' && a instanceof URL && b instanceof URL) {
    return a.href === b.href
  }
  if (Object.is(a, b)) {
    return true
  }
  if (a === null || b === null) {
    return a === b
  }
  const className = Object.prototype.toString.call(a)
  if (className !== Object.prototype.toString.call(b)) {
    return false
  }
  const primitive = eqPrimitiveLike(a, b, className)
  if (primitive !== undefined) {
    return primitive
  }
  if (typeof a !== 'object' || typeof b !== 'object') {
    return false
  }
  return eqObjects(a, b, className, aStack, bStack, testers, hasKey)
}

function eqObjects(a, b, className, aStack, bStack, testers, hasKey) {
  // Cycles: a pair seen at the same depth is equal; a cycle on one side
  // only is not.
  let i = aStack.length
  while (i--) {
    if (aStack[i] === a) {
      return bStack[i] === b
    }
    if (bStack[i] === b) {
      return false
    }
  }
  aStack.push(a)
  bStack.push(b)
  if (className === '[object Array]' && a.length !== b.length) {
    return false
  }
  if (isError(a) && isError(b)) {
    try {
      return eqErrors(a, b, aStack, bStack, testers, hasKey)
    } finally {
      aStack.pop()
      bStack.pop()
    }
  }
  const aKeys = equalKeys(a, hasKey)
  if (equalKeys(b, hasKey).length !== aKeys.length) {
    return false
  }
  for (let k = aKeys.length - 1; k >= 0; k--) {
    const key = aKeys[k]
    if (!hasKey(b, key) || !eq(a[key], b[key], aStack, bStack, testers, hasKey)) {
      return false
    }
  }
  aStack.pop()
  bStack.pop()
  return true
}

// eqErrors compares errors by class, name, message, cause (when expected
// has one), AggregateError.errors and their enumerable own properties.
function eqErrors(a, b, aStack, bStack, testers, hasKey) {
  let result = Object.prototype.toString.call(a) === Object.prototype.toString.call(b)
    && a.name === b.name && a.message === b.message
  if (typeof b.cause !== 'undefined') {
    result = result && eq(a.cause, b.cause, aStack, bStack, testers, hasKey)
  }
  if (a instanceof AggregateError && b instanceof AggregateError) {
    result = result && eq(a.errors, b.errors, aStack, bStack, testers, hasKey)
  }
  return result && eq({ ...a }, { ...b }, aStack, bStack, testers, hasKey)
}

function isA(typeName, value) {
  return Object.prototype.toString.call(value) === `[object ${typeName}]`
}

function hasIterator(obj) {
  return obj != null && Boolean(obj[Symbol.iterator])
}

function setEquality(a, b, testers) {
  for (const aValue of a) {
    if (b.has(aValue)) {
      continue
    }
    let found = false
    for (const bValue of b) {
      if (equals(aValue, bValue, testers)) {
        found = true
      }
    }
    if (!found) {
      return false
    }
  }
  return true
}

function mapEquality(a, b, testers) {
  for (const [key, value] of a) {
    if (b.has(key) && equals(value, b.get(key), testers)) {
      continue
    }
    let found = false
    for (const [bKey, bValue] of b) {
      if (equals(key, bKey, testers) && equals(value, bValue, testers)) {
        found = true
      }
    }
    if (!found) {
      return false
    }
  }
  return true
}

// iterableEquality compares iterables other than arrays item by item (Sets
// and Maps regardless of order), then their own enumerable properties.
function iterableEquality(a, b, testers, aStack, bStack) {
  if (typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)
    || !hasIterator(a) || !hasIterator(b)) {
    return undefined
  }
  // Defaults only now: this tester runs for every pair of objects compared.
  testers = testers || []
  aStack = aStack || []
  bStack = bStack || []
  if (a.constructor !== b.constructor) {
    return false
  }
  let i = aStack.length
  while (i--) {
    if (aStack[i] === a) {
      return bStack[i] === b
    }
  }
  aStack.push(a)
  bStack.push(b)
  const nested = (x, y) => iterableEquality(x, y, [...testers], [...aStack], [...bStack])
  const inner = [...testers.filter(t => t !== iterableEquality), nested]

  if (a.size !== undefined) {
    if (a.size !== b.size) {
      return false
    }
    if (isA('Set', a)) {
      const result = setEquality(a, b, inner)
      aStack.pop()
      bStack.pop()
      return result
    }
    if (isA('Map', a)) {
      const result = mapEquality(a, b, inner)
      aStack.pop()
      bStack.pop()
      return result
    }
  }
  const bIterator = b[Symbol.iterator]()
  for (const aValue of a) {
    const next = bIterator.next()
    if (next.done || !equals(aValue, next.value, inner)) {
      return false
    }
  }
  if (!bIterator.next().done) {
    return false
  }
  if (!equals(Object.entries(a), Object.entries(b), inner)) {
    return false
  }
  aStack.pop()
  bStack.pop()
  return true
}

function hasPropertyInObject(obj, key) {
  if (!obj || typeof obj !== 'object' || obj === Object.prototype) {
    return false
  }
  return Object.hasOwn(obj, key) || hasPropertyInObject(Object.getPrototypeOf(obj), key)
}

function isObject(value) {
  return value != null && typeof value === 'object' && !Array.isArray(value)
}

function isObjectWithKeys(value) {
  return isObject(value) && !isError(value) && !(value instanceof Date)
    && !(value instanceof Set) && !(value instanceof Map)
}

// subsetEquality is toMatchObject's tester: every property of the subset
// must be present (own or inherited) and equal in the object.
function subsetEquality(object, subset, testers = []) {
  const others = testers.filter(t => t !== subsetEquality)
  const withSeen = (seen = new WeakMap()) => (obj, sub) => {
    if (!isObjectWithKeys(sub)) {
      return undefined
    }
    return Object.keys(sub).every((key) => {
      const value = sub[key]
      if (value != null && typeof value === 'object') {
        if (seen.has(value)) {
          return equals(obj[key], value, others)
        }
        seen.set(value, true)
      }
      const result = obj != null && hasPropertyInObject(obj, key)
        && equals(obj[key], value, [...others, withSeen(seen)])
      seen.delete(value)
      return result
    })
  }
  return withSeen()(object, subset)
}

// typeEquality makes toStrictEqual tell apart objects of different classes.
function typeEquality(a, b) {
  if (a == null || b == null || a.constructor === b.constructor) {
    return undefined
  }
  return false
}

function arrayBufferEquality(a, b) {
  let aView = a
  let bView = b
  if (!(a instanceof DataView && b instanceof DataView)) {
    if (!(a instanceof ArrayBuffer) || !(b instanceof ArrayBuffer)) {
      return undefined
    }
    aView = new DataView(a)
    bView = new DataView(b)
  }
  if (aView.byteLength !== bView.byteLength) {
    return false
  }
  for (let i = 0; i < aView.byteLength; i++) {
    if (aView.getUint8(i) !== bView.getUint8(i)) {
      return false
    }
  }
  return true
}

// sparseArrayEquality makes toStrictEqual tell `[, 1]` from `[undefined, 1]`.
function sparseArrayEquality(a, b, testers = []) {
  if (!Array.isArray(a) || !Array.isArray(b)) {
    return undefined
  }
  const others = testers.filter(t => t !== sparseArrayEquality)
  return equals(a, b, others, true) && equals(Object.keys(a), Object.keys(b))
}

function objectKeysWithSymbols(obj) {
  return [
    ...Object.keys(obj),
    ...Object.getOwnPropertySymbols(obj).filter(s => Object.getOwnPropertyDescriptor(obj, s)?.enumerable),
  ]
}

// objectSubset trims object down to the properties of subset, so that a
// toMatchObject failure shows only what was compared. stripped counts the
// properties left out.
function objectSubset(object, subset, testers) {
  let stripped = 0
  const trim = (seen = new WeakMap()) => (obj, sub) => {
    if (Array.isArray(obj)) {
      if (Array.isArray(sub) && sub.length === obj.length) {
        return sub.map((s, i) => trim(seen)(obj[i], s))
      }
    } else if (obj instanceof Date) {
      return obj
    } else if (isObject(obj) && isObject(sub)) {
      if (equals(obj, sub, [...testers, iterableEquality, subsetEquality])) {
        return sub
      }
      const trimmed = {}
      seen.set(obj, trimmed)
      if (typeof obj.constructor === 'function' && typeof obj.constructor.name === 'string') {
        Object.defineProperty(trimmed, 'constructor', { enumerable: false, value: obj.constructor })
      }
      for (const key of objectKeysWithSymbols(obj)) {
        if (hasPropertyInObject(sub, key)) {
          trimmed[key] = seen.has(obj[key]) ? seen.get(obj[key]) : trim(seen)(obj[key], sub[key])
        } else if (!seen.has(obj[key])) {
          stripped += 1
          if (isObject(obj[key])) {
            stripped += objectKeysWithSymbols(obj[key]).length
          }
          trim(seen)(obj[key], sub[key])
        }
      }
      if (objectKeysWithSymbols(trimmed).length > 0) {
        return trimmed
      }
    }
    return obj
  }
  return { subset: trim()(object, subset), stripped }
}

const TO_EQUAL_TESTERS = () => [...customTesters, iterableEquality]
const TO_STRICT_EQUAL_TESTERS = () => [
  ...customTesters, iterableEquality, typeEquality, sparseArrayEquality, arrayBufferEquality,
]
