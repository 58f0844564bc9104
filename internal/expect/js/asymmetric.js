// asymmetric.js: expect.any, anything, objectContaining, arrayContaining,
// stringContaining, stringMatching, closeTo and their expect.not forms.
// They print like vitest's: `Any<Number>`, `ObjectContaining {...}`.

class AsymmetricMatcher {
  constructor(sample, inverse = false) {
    this.$$typeof = ASYMMETRIC_TAG
    this.sample = sample
    this.inverse = inverse
  }

  getMatcherContext() {
    return {
      ...currentMatcherState(),
      equals,
      isNot: this.inverse,
      customTesters,
      utils: matcherUtils(),
    }
  }

  // Messages print matchers compactly, cut at the space left for them.
  [Symbol.for('chai/inspect')](options) {
    const text = stringify(this, options.depth, { min: true })
    return text.length <= options.truncate ? text : `${this.toString()}{…}`
  }
}

class StringContaining extends AsymmetricMatcher {
  constructor(sample, inverse = false) {
    if (!isA('String', sample)) {
      throw new Error('Expected is not a string')
    }
    super(sample, inverse)
  }

  asymmetricMatch(other) {
    const result = isA('String', other) && other.includes(this.sample)
    return this.inverse ? !result : result
  }

  toString() {
    return `String${this.inverse ? 'Not' : ''}Containing`
  }

  getExpectedType() {
    return 'string'
  }
}

class Anything extends AsymmetricMatcher {
  asymmetricMatch(other) {
    return other != null
  }

  toString() {
    return 'Anything'
  }

  toAsymmetricMatcher() {
    return 'Anything'
  }
}

function hasPropertyDeep(obj, key) {
  if (!obj) {
    return false
  }
  return Object.hasOwn(obj, key) || hasPropertyDeep(Object.getPrototypeOf(obj), key)
}

class ObjectContaining extends AsymmetricMatcher {
  asymmetricMatch(other, testers) {
    if (typeof this.sample !== 'object') {
      throw new TypeError(`You must provide an object to ${this.toString()}, not '${typeof this.sample}'.`)
    }
    let result = true
    for (const key of objectKeysWithSymbols(this.sample)) {
      if (!hasPropertyDeep(other, key) || !equals(this.sample[key], other[key], testers)) {
        result = false
        break
      }
    }
    return this.inverse ? !result : result
  }

  toString() {
    return `Object${this.inverse ? 'Not' : ''}Containing`
  }

  getExpectedType() {
    return 'object'
  }
}

class ArrayContaining extends AsymmetricMatcher {
  asymmetricMatch(other, testers) {
    if (!Array.isArray(this.sample)) {
      throw new TypeError(`You must provide an array to ${this.toString()}, not '${typeof this.sample}'.`)
    }
    const result = this.sample.length === 0 || (Array.isArray(other)
      && this.sample.every(item => other.some(another => equals(item, another, testers))))
    return this.inverse ? !result : result
  }

  toString() {
    return `Array${this.inverse ? 'Not' : ''}Containing`
  }

  getExpectedType() {
    return 'array'
  }
}

function functionName(fn) {
  if (fn.name) {
    return fn.name
  }
  const match = Function.prototype.toString.call(fn).match(/^(?:async)?\s*function\s*(?:\*\s*)?([\w$]+)\s*\(/)
  return match ? match[1] : '<anonymous>'
}

const PRIMITIVE_CHECKS = new Map([
  [String, v => typeof v === 'string' || v instanceof String],
  [Number, v => typeof v === 'number' || v instanceof Number],
  [Function, v => typeof v === 'function'],
  [Boolean, v => typeof v === 'boolean' || v instanceof Boolean],
  [BigInt, v => typeof v === 'bigint' || v instanceof BigInt],
  [Symbol, v => typeof v === 'symbol' || v instanceof Symbol],
  [Object, v => typeof v === 'object'],
])

class Any extends AsymmetricMatcher {
  constructor(sample) {
    if (typeof sample === 'undefined') {
      throw new TypeError('any() expects to be passed a constructor function. '
        + 'Please pass one or use anything() to match any object.')
    }
    super(sample)
  }

  asymmetricMatch(other) {
    const check = PRIMITIVE_CHECKS.get(this.sample)
    return check ? check(other) : other instanceof this.sample
  }

  toString() {
    return 'Any'
  }

  getExpectedType() {
    const names = new Map([[String, 'string'], [Number, 'number'], [Function, 'function'],
      [Object, 'object'], [Boolean, 'boolean']])
    return names.get(this.sample) || functionName(this.sample)
  }

  toAsymmetricMatcher() {
    return `Any<${functionName(this.sample)}>`
  }
}

class StringMatching extends AsymmetricMatcher {
  constructor(sample, inverse = false) {
    if (!isA('String', sample) && !isA('RegExp', sample)) {
      throw new Error('Expected is not a String or a RegExp')
    }
    super(new RegExp(sample), inverse)
  }

  asymmetricMatch(other) {
    const result = isA('String', other) && this.sample.test(other)
    return this.inverse ? !result : result
  }

  toString() {
    return `String${this.inverse ? 'Not' : ''}Matching`
  }

  getExpectedType() {
    return 'string'
  }
}

class CloseTo extends AsymmetricMatcher {
  constructor(sample, precision = 2, inverse = false) {
    if (!isA('Number', sample)) {
      throw new Error('Expected is not a Number')
    }
    if (!isA('Number', precision)) {
      throw new Error('Precision is not a Number')
    }
    super(sample, inverse)
    this.precision = precision
  }

  asymmetricMatch(other) {
    if (!isA('Number', other)) {
      return false
    }
    let result
    if ((other === Infinity && this.sample === Infinity) || (other === -Infinity && this.sample === -Infinity)) {
      result = true
    } else {
      result = Math.abs(this.sample - other) < 10 ** -this.precision / 2
    }
    return this.inverse ? !result : result
  }

  toString() {
    return `Number${this.inverse ? 'Not' : ''}CloseTo`
  }

  getExpectedType() {
    return 'number'
  }

  toAsymmetricMatcher() {
    const digits = `${this.precision} digit${this.precision === 1 ? '' : 's'}`
    return [this.toString(), this.sample, `(${digits})`].join(' ')
  }
}

// installAsymmetric adds the asymmetric matchers to an expect function.
function installAsymmetric(expect) {
  expect.anything = () => new Anything()
  expect.any = sample => new Any(sample)
  expect.stringContaining = sample => new StringContaining(sample)
  expect.objectContaining = sample => new ObjectContaining(sample)
  expect.arrayContaining = sample => new ArrayContaining(sample)
  expect.stringMatching = sample => new StringMatching(sample)
  expect.closeTo = (sample, precision) => new CloseTo(sample, precision)
  expect.not = {
    stringContaining: sample => new StringContaining(sample, true),
    objectContaining: sample => new ObjectContaining(sample, true),
    arrayContaining: sample => new ArrayContaining(sample, true),
    stringMatching: sample => new StringMatching(sample, true),
    closeTo: (sample, precision) => new CloseTo(sample, precision, true),
  }
}
