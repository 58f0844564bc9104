// extend.js: expect.extend and the `this` that custom matchers receive
// (isNot, promise, equals, utils with matcherHint, printReceived, ...).
// Colors are the reporter's job, so the color helpers return text as is.

const plain = text => String(text)

function matcherHint(matcherName, received = 'received', expected = 'expected', options = {}) {
  const { comment = '', isDirectExpectCall = false, isNot = false, promise = '', secondArgument = '' } = options
  let hint = ''
  let dim = 'expect'
  if (!isDirectExpectCall && received !== '') {
    hint += `${dim}(${received}`
    dim = ')'
  }
  if (promise !== '') {
    hint += `${dim}.${promise}`
    dim = ''
  }
  if (isNot) {
    hint += `${dim}.not`
    dim = ''
  }
  if (matcherName.includes('.')) {
    dim += matcherName
  } else {
    hint += `${dim}.${matcherName}`
    dim = ''
  }
  if (expected === '') {
    dim += '()'
  } else {
    hint += `${dim}(${expected}`
    if (secondArgument) {
      hint += `, ${secondArgument}`
    }
    dim = ')'
  }
  if (comment !== '') {
    dim += ` // ${comment}`
  }
  return hint + dim
}

function printReceived(value) {
  return showTrailingSpaces(stringify(value))
}

function printExpected(value) {
  return showTrailingSpaces(stringify(value))
}

function printWithType(name, value, print) {
  const type = Object.prototype.toString.call(value).slice(8, -1)
  const hasType = type !== 'Null' && type !== 'Undefined' ? `${name} has type:  ${type}\n` : ''
  return `${hasType}${name} has value: ${print(value)}`
}

function matcherUtils() {
  return {
    EXPECTED_COLOR: plain,
    RECEIVED_COLOR: plain,
    INVERTED_COLOR: plain,
    BOLD_WEIGHT: plain,
    DIM_COLOR: plain,
    diff,
    matcherHint,
    printReceived,
    printExpected,
    printDiffOrStringify,
    printWithType,
    stringify,
    iterableEquality,
    subsetEquality,
  }
}

// matcherContext is the `this` of a custom matcher.
function matcherContext(assertion, state) {
  return {
    ...state,
    currentTestName: state?.testName ?? '',
    customTesters,
    isNot: assertion?.flag('negate'),
    promise: assertion?.flag('promise') || '',
    utils: matcherUtils(),
    equals,
    suppressedErrors: [],
    soft: assertion?.flag('soft'),
    assertion,
  }
}

function throwIfFailed(assertion, result) {
  const { pass, message, actual, expected } = result
  const isNot = Boolean(assertion.flag('negate'))
  if (Boolean(pass) === isNot) {
    const custom = assertion.flag('message')
    const err = new Error((custom ? `${custom}: ` : '') + message())
    err.actual = actual
    err.expected = expected
    throw err
  }
}

class CustomMatcher extends AsymmetricMatcher {
  constructor(name, impl, inverse, sample) {
    super(sample, inverse)
    this.matcherName = name
    this.impl = impl
  }

  asymmetricMatch(other) {
    const { pass } = this.impl.call(this.getMatcherContext(), other, ...this.sample)
    return this.inverse ? !pass : pass
  }

  toString() {
    return `${this.inverse ? 'not.' : ''}${this.matcherName}`
  }

  getExpectedType() {
    return 'any'
  }

  toAsymmetricMatcher() {
    return `${this.toString()}<${this.sample.map(item => stringify(item)).join(', ')}>`
  }
}

// extendedAsymmetric holds the asymmetric forms of extended matchers, so
// that every expect made later has them too.
const extendedAsymmetric = Object.create(null)

function extend(expect, definitions) {
  for (const [name, impl] of Object.entries(definitions)) {
    defineMatcher(name, function (...args) {
      const result = impl.call(matcherContext(this, this.flag('state')), this._obj, ...args)
      if (result && typeof result === 'object' && typeof result.then === 'function') {
        return result.then(r => throwIfFailed(this, r))
      }
      throwIfFailed(this, result)
      return undefined
    })
    extendedAsymmetric[name] = {
      plain: (...sample) => new CustomMatcher(name, impl, false, sample),
      inverse: (...sample) => new CustomMatcher(name, impl, true, sample),
    }
    installExtendedAsymmetric(expect)
  }
}

function installExtendedAsymmetric(expect) {
  for (const [name, forms] of Object.entries(extendedAsymmetric)) {
    expect[name] = forms.plain
    expect.not[name] = forms.inverse
  }
}

// builtinCustomMatchers are the matchers vitest itself installs with
// expect.extend, so that they also exist as expect.toSatisfy(...) and
// expect.toBeOneOf(...).
const builtinCustomMatchers = {
  toSatisfy(actual, predicate, message) {
    const { printReceived: received, printExpected: expected, matcherHint: hint } = this.utils
    const pass = predicate(actual)
    return {
      pass,
      message: () => (pass
        ? `${hint('.not.toSatisfy', 'received', '')}\n\nExpected value to not satisfy:\n`
          + `${message || expected(predicate)}\nReceived:\n${received(actual)}`
        : `${hint('.toSatisfy', 'received', '')}\n\nExpected value to satisfy:\n`
          + `${message || expected(predicate)}\n\nReceived:\n${received(actual)}`),
    }
  },

  toBeOneOf(actual, options) {
    const { printReceived: received, printExpected: expected, matcherHint: hint } = this.utils
    let pass
    if (Array.isArray(options)) {
      pass = options.length === 0 || options.some(item => this.equals(item, actual, this.customTesters))
    } else if (options instanceof Set) {
      pass = options.size === 0 || options.has(actual)
        || [...options].some(item => this.equals(item, actual, this.customTesters))
    } else {
      throw new TypeError(`You must provide an array or set to ${hint('.toBeOneOf')}, not '${typeof options}'.`)
    }
    return {
      pass,
      message: () => (pass
        ? `${hint('.not.toBeOneOf', 'received', '')}\n\nExpected value to not be one of:\n`
          + `${expected(options)}\nReceived:\n${received(actual)}`
        : `${hint('.toBeOneOf', 'received', '')}\n\nExpected value to be one of:\n`
          + `${expected(options)}\n\nReceived:\n${received(actual)}`),
    }
  },
}
