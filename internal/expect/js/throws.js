// throws.js: toThrow / toThrowError, with chai's messages for no argument,
// a substring or a RegExp and vitest's for a class, an error, an
// asymmetric matcher or any other value.

function constructorNameOf(errorLike) {
  if (errorLike instanceof Error || Object.prototype.toString.call(errorLike) === '[object Error]') {
    return errorLike.constructor.name
  }
  if (typeof errorLike === 'function') {
    return errorLike.name || new errorLike().name || errorLike.name
  }
  return errorLike
}

function describeThrown(caught) {
  if (caught instanceof Error) {
    return caught.toString()
  }
  if (typeof caught === 'string') {
    return caught
  }
  if (caught && (typeof caught === 'object' || typeof caught === 'function')) {
    try {
      return constructorNameOf(caught)
    } catch {
      return caught
    }
  }
  return caught
}

function messageOf(caught) {
  if (caught && caught.message) {
    return caught.message
  }
  return typeof caught === 'string' ? caught : ''
}

function matchesMessage(caught, matcher) {
  const text = typeof caught === 'string' ? caught : caught.message
  if (text === undefined) {
    return false
  }
  return isA('RegExp', matcher) ? matcher.test(text) : text.indexOf(matcher) !== -1
}

const FUNCTION_KINDS = ['function', 'asyncfunction', 'generatorfunction', 'asyncgeneratorfunction']

// chaiThrows is chai's `throws` with a message matcher (or nothing).
function chaiThrows(assertion, matcher) {
  const fn = assertion._obj
  const negate = Boolean(assertion.flag('negate'))
  if (!FUNCTION_KINDS.includes(chaiType(fn).toLowerCase())) {
    const check = new Assertion(fn, assertion.flag('message'))
    check.assert(false, 'expected #{this} to be a function', '')
  }
  let caught
  let threw = false
  try {
    fn()
  } catch (err) {
    threw = true
    caught = err
  }
  const noArgs = matcher === undefined
  const errorLike = noArgs ? undefined : null
  if (noArgs || !negate) {
    assertion.assert(threw, 'expected #{this} to throw an error',
      'expected #{this} to not throw an error but #{act} was thrown', errorLike, describeThrown(caught))
  }
  if (caught && matcher !== undefined && matcher !== null) {
    const placeholder = isA('RegExp', matcher) ? 'matching' : 'including'
    if (matchesMessage(caught, matcher) === negate) {
      assertion.assert(negate, `expected #{this} to throw error ${placeholder} #{exp} but got #{act}`,
        `expected #{this} to throw error not ${placeholder} #{exp}`, matcher, messageOf(caught))
    }
  }
  assertion._obj = caught
}

// thrownBy runs the function under test, or takes the rejection of
// `.rejects`, and returns {thrown, value}. It returns null when the assertion
// is already decided (a resolved promise under .not).
function thrownBy(assertion) {
  const obj = assertion._obj
  const promise = assertion.flag('promise')
  const isNot = Boolean(assertion.flag('negate'))
  if (promise === 'rejects') {
    return { thrown: true, value: obj }
  }
  if (promise === 'resolves' && typeof obj !== 'function') {
    if (!isNot) {
      assertion.fail("expected promise to throw an error, but it didn't", { showDiff: false })
    }
    return null
  }
  try {
    obj()
  } catch (err) {
    return { thrown: true, value: err }
  }
  if (!isNot) {
    assertion.fail("expected function to throw an error, but it didn't", { showDiff: false })
  }
  return { thrown: false, value: null }
}

function toThrowMatcher(expected) {
  if (typeof expected === 'string' || expected === undefined || expected instanceof RegExp) {
    const promise = this.flag('promise')
    if (promise === 'rejects') {
      const rejection = this._obj
      this._obj = () => {
        throw rejection
      }
    } else if (promise === 'resolves' && typeof this._obj !== 'function') {
      if (!this.flag('negate')) {
        this.fail("expected promise to throw an error, but it didn't", { showDiff: false })
      }
      return
    }
    chaiThrows(this, expected === '' ? /^$/ : expected)
    return
  }
  const result = thrownBy(this)
  if (result === null) {
    return
  }
  const thrown = result.value
  if (typeof expected === 'function') {
    const name = expected.name || expected.prototype.constructor.name
    this.assert(thrown && thrown instanceof expected, `expected error to be instance of ${name}`,
      `expected error not to be instance of ${name}`, expected, thrown)
    return
  }
  if (isError(expected)) {
    this.assert(equals(thrown, expected, TO_EQUAL_TESTERS()), 'expected a thrown error to be #{exp}',
      'expected a thrown error not to be #{exp}', expected, thrown)
    return
  }
  if (typeof expected === 'object' && expected !== null && typeof expected.asymmetricMatch === 'function') {
    this.assert(thrown && expected.asymmetricMatch(thrown), 'expected error to match asymmetric matcher',
      'expected error not to match asymmetric matcher', expected, thrown)
    return
  }
  this.assert(equals(thrown, expected, TO_EQUAL_TESTERS()), 'expected a thrown value to equal #{exp}',
    'expected a thrown value not to equal #{exp}', expected, thrown)
}

defineMatcher(['toThrow', 'toThrowError'], toThrowMatcher)
