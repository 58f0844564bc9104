// matchers.js: the value matchers of vitest's expect (toBe, toEqual, ...),
// with vitest 4's messages.

function checkNumberType(value, name) {
  const type = typeof value
  if (type !== 'number' && type !== 'bigint') {
    throw new TypeError(`${name} value must be number or bigint, received "${type}"`)
  }
}

function toBeMessage(deepName) {
  const base = 'expected #{this} to be #{exp} // Object.is equality'
  if (deepName === 'toStrictEqual' || deepName === 'toEqual') {
    return `${base}\n\nIf it should pass with deep equality, replace "toBe" with "${deepName}"\n\n`
      + 'Expected: #{this}\nReceived: serializes to the same string\n'
  }
  return base
}

defineMatcher('toBe', function (expected) {
  const actual = this._obj
  const pass = Object.is(actual, expected)
  let deepName = ''
  if (!pass) {
    if (equals(actual, expected, TO_STRICT_EQUAL_TESTERS(), true)) {
      deepName = 'toStrictEqual'
    } else if (equals(actual, expected, TO_EQUAL_TESTERS())) {
      deepName = 'toEqual'
    }
  }
  this.assert(pass, toBeMessage(deepName), 'expected #{this} not to be #{exp} // Object.is equality',
    expected, actual)
})

defineMatcher('toEqual', function (expected) {
  const actual = this._obj
  this.assert(equals(actual, expected, TO_EQUAL_TESTERS()), 'expected #{this} to deeply equal #{exp}',
    'expected #{this} to not deeply equal #{exp}', expected, actual)
})

defineMatcher('toStrictEqual', function (expected) {
  const actual = this._obj
  this.assert(equals(actual, expected, TO_STRICT_EQUAL_TESTERS(), true),
    'expected #{this} to strictly equal #{exp}', 'expected #{this} to not strictly equal #{exp}',
    expected, actual)
})

defineMatcher('toMatchObject', function (expected) {
  const actual = this._obj
  const pass = equals(actual, expected, [...customTesters, iterableEquality, subsetEquality])
  const isNot = Boolean(this.flag('negate'))
  if (pass === isNot) {
    const { subset, stripped } = objectSubset(actual, expected, customTesters)
    const msg = this.message([pass, 'expected #{this} to match object #{exp}',
      'expected #{this} to not match object #{exp}', expected, subset, false])
    const omitted = stripped === 0
      ? ''
      : `\n(${stripped} matching ${stripped === 1 ? 'property' : 'properties'} omitted from actual)`
    throw new AssertionError(msg + omitted, { showDiff: true, expected, actual: subset })
  }
})

defineMatcher('toMatch', function (expected) {
  const actual = this._obj
  if (typeof actual !== 'string') {
    throw new TypeError(`.toMatch() expects to receive a string, but got ${typeof actual}`)
  }
  this.assert(typeof expected === 'string' ? actual.includes(expected) : actual.match(expected),
    'expected #{this} to match #{exp}', 'expected #{this} not to match #{exp}', expected, actual)
})

// includes is chai's include for arrays and strings, which toContain falls
// back to.
function includes(assertion, item) {
  const obj = assertion._obj
  const type = chaiType(obj).toLowerCase()
  let found
  if (type === 'string' || type === 'array') {
    found = obj.indexOf(item) !== -1
  } else if (type === 'set' || type === 'weakset') {
    found = obj.has(item)
  } else if (type === 'map') {
    found = [...obj.values()].some(v => v === item || (Number.isNaN(v) && Number.isNaN(item)))
  } else {
    assertion.fail(`the given combination of arguments (${type} and ${chaiType(item).toLowerCase()}) is `
      + 'invalid for this assertion. You can use an array, a map, an object, a set, a string, or a '
      + `weakset instead of a ${chaiType(item).toLowerCase()}`)
  }
  assertion.assert(found, `expected #{this} to include ${inspect(item)}`,
    `expected #{this} to not include ${inspect(item)}`)
}

defineMatcher('toContain', function (item) {
  const actual = this._obj
  if (typeof actual === 'string' && typeof item === 'string') {
    this.assert(actual.includes(item), 'expected #{this} to contain #{exp}',
      'expected #{this} not to contain #{exp}', item, actual)
    return
  }
  if (actual != null && typeof actual !== 'string') {
    this._obj = Array.from(actual)
  }
  includes(this, item)
})

defineMatcher('toContainEqual', function (expected) {
  const index = Array.from(this._obj).findIndex(item => equals(item, expected, customTesters))
  this.assert(index !== -1, 'expected #{this} to deep equally contain #{exp}',
    'expected #{this} to not deep equally contain #{exp}', expected)
})

defineMatcher('toBeTruthy', function () {
  const obj = this._obj
  this.assert(Boolean(obj), 'expected #{this} to be truthy', 'expected #{this} to not be truthy', true, obj)
})

defineMatcher('toBeFalsy', function () {
  const obj = this._obj
  this.assert(!obj, 'expected #{this} to be falsy', 'expected #{this} to not be falsy', false, obj)
})

function defineComparison(name, words, compare) {
  defineMatcher(name, function (expected) {
    const actual = this._obj
    checkNumberType(actual, 'actual')
    checkNumberType(expected, 'expected')
    this.assert(compare(actual, expected), `expected ${actual} to be ${words} ${expected}`,
      `expected ${actual} to be not ${words} ${expected}`, expected, actual, false)
  })
}

defineComparison('toBeGreaterThan', 'greater than', (a, b) => a > b)
defineComparison('toBeGreaterThanOrEqual', 'greater than or equal to', (a, b) => a >= b)
defineComparison('toBeLessThan', 'less than', (a, b) => a < b)
defineComparison('toBeLessThanOrEqual', 'less than or equal to', (a, b) => a <= b)

defineMatcher('toBeNaN', function () {
  const obj = this._obj
  this.assert(Number.isNaN(obj), 'expected #{this} to be NaN', 'expected #{this} not to be NaN', NaN, obj)
})

defineMatcher('toBeUndefined', function () {
  const obj = this._obj
  this.assert(obj === undefined, 'expected #{this} to be undefined', 'expected #{this} not to be undefined',
    undefined, obj)
})

defineMatcher('toBeNull', function () {
  const obj = this._obj
  this.assert(obj === null, 'expected #{this} to be null', 'expected #{this} not to be null', null, obj)
})

defineMatcher('toBeNullable', function () {
  const obj = this._obj
  this.assert(obj == null, 'expected #{this} to be nullish', 'expected #{this} not to be nullish', null, obj)
})

defineMatcher('toBeDefined', function () {
  const obj = this._obj
  this.assert(typeof obj !== 'undefined', 'expected #{this} to be defined', 'expected #{this} to be undefined',
    obj)
})

defineMatcher('toBeTypeOf', function (expected) {
  const actual = typeof this._obj
  this.assert(expected === actual, 'expected #{this} to be type of #{exp}',
    'expected #{this} not to be type of #{exp}', expected, actual)
})

defineMatcher('toBeInstanceOf', function (ctor) {
  let pass
  try {
    pass = this._obj instanceof ctor
  } catch (err) {
    if (err instanceof TypeError) {
      this.fail(`The instanceof assertion needs a constructor but ${chaiType(ctor)} was given.`)
    }
    throw err
  }
  const name = ctor.name == null ? 'an unnamed constructor' : ctor.name
  this.assert(pass, `expected #{this} to be an instance of ${name}`,
    `expected #{this} to not be an instance of ${name}`)
})

defineMatcher('toHaveLength', function (length) {
  const obj = this._obj
  const type = chaiType(obj).toLowerCase()
  let descriptor = 'length'
  let count
  if (type === 'map' || type === 'set') {
    descriptor = 'size'
    count = obj.size
  } else {
    if (obj == null || !('length' in Object(obj))) {
      const check = new Assertion(obj, this.flag('message'))
      check.assert(false, "expected #{this} to have property 'length'", '')
    }
    count = obj.length
  }
  this.assert(count == length, `expected #{this} to have a ${descriptor} of #{exp} but got #{act}`,
    `expected #{this} to not have a ${descriptor} of #{act}`, length, count)
})

// pathInfo resolves `a.b[0].c` paths (with `\.` escapes) as chai does.
function pathInfo(obj, path) {
  const parts = path.replace(/([^\\])\[/g, '$1.[').match(/(\\\.|[^.]+?)+/g).map((part) => {
    if (part === 'constructor' || part === '__proto__' || part === 'prototype') {
      return {}
    }
    const index = /^\[(\d+)\]$/.exec(part)
    return index ? { i: parseFloat(index[1]) } : { p: part.replace(/\\([.[\]])/g, '$1') }
  })
  const walk = (depth) => {
    let value = obj
    let result = null
    for (let i = 0; i < depth; i++) {
      if (value) {
        const part = parts[i]
        value = part.p === undefined ? value[part.i] : value[part.p]
        if (i === depth - 1) {
          result = value
        }
      }
    }
    return result
  }
  const last = parts[parts.length - 1]
  const parent = parts.length > 1 ? walk(parts.length - 1) : obj
  const name = last.p || last.i
  return { value: walk(parts.length), exists: parent != null && name in Object(parent) }
}

defineMatcher('toHaveProperty', function (...args) {
  if (Array.isArray(args[0])) {
    args[0] = args[0].map(key => String(key).replace(/([.[\]])/g, '\\$1')).join('.')
  }
  const actual = this._obj
  const [name, expected] = args
  const { value, exists } = Object.hasOwn(actual, name)
    ? { value: actual[name], exists: true }
    : pathInfo(actual, name)
  const pass = exists && (args.length === 1 || equals(expected, value, customTesters))
  const withValue = args.length === 1 ? '' : ` with value ${objDisplay(expected)}`
  this.assert(pass, `expected #{this} to have property "${name}"${withValue}`,
    `expected #{this} to not have property "${name}"${withValue}`, expected, exists ? value : undefined)
})

defineMatcher('toBeCloseTo', function (received, precision = 2) {
  const expected = this._obj
  let pass = false
  let expectedDiff = 0
  let receivedDiff = 0
  if ((received === Infinity && expected === Infinity) || (received === -Infinity && expected === -Infinity)) {
    pass = true
  } else {
    expectedDiff = 10 ** -precision / 2
    receivedDiff = Math.abs(expected - received)
    pass = receivedDiff < expectedDiff
  }
  this.assert(pass,
    `expected #{this} to be close to #{exp}, received difference is ${receivedDiff}, but expected ${expectedDiff}`,
    `expected #{this} to not be close to #{exp}, received difference is ${receivedDiff}, but expected ${expectedDiff}`,
    received, expected, false)
})
