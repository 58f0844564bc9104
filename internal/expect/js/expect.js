// expect.js: expect itself (createExpect, .resolves/.rejects, soft,
// assertions counting) and the library object this program returns.
//
// A test's state is a plain object the runner owns:
//   { assertionCalls: 0, expectedAssertionsNumber: null,
//     isExpectingAssertions: false, softErrors: [], testName: 'a > b',
//     snapshot: { match(request) { ... } },   // see snapshot.js
//     promises: [],  // optional: .resolves/.rejects promises, to await
//                    // those the test did not
//     timers: { setTimeout, clearTimeout } }  // optional, for expect.poll
// createExpect(state) makes the test context's expect; the global expect
// uses the state last given to setState.

let currentState = null
const fallbackState = newState()

function newState() {
  return {
    assertionCalls: 0,
    expectedAssertionsNumber: null,
    isExpectingAssertions: false,
    softErrors: [],
    testName: '',
    snapshot: undefined,
  }
}

function currentMatcherState() {
  return currentState || fallbackState
}

function keepStack(err, origin) {
  if (isError(err) && origin.stack) {
    try {
      err.stack = origin.stack.replace(origin.message, err.message)
    } catch {
      // A frozen or exotic error keeps its own stack.
    }
  }
  return err
}

// promiseProxy makes every matcher of a `.resolves`/`.rejects` assertion
// wait for the promise and return a promise.
function promiseProxy(assertion, settle) {
  const proxy = new Proxy(assertion, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver)
      if (typeof value !== 'function') {
        return value instanceof Assertion ? proxy : value
      }
      return (...args) => {
        assertion.flag('_name', key)
        const origin = assertion.flag('error')
        let promise = settle().then(() => value.call(assertion, ...args)).catch((err) => {
          throw finishError(keepStack(err, origin))
        })
        const state = assertion.flag('state')
        if (assertion.flag('soft')) {
          promise = promise.then(() => undefined, err => recordSoftError(state, err))
        }
        // The runner can await assertions the test forgot to await.
        if (state && Array.isArray(state.promises)) {
          state.promises.push(promise)
        }
        return promise
      }
    },
  })
  return proxy
}

Object.defineProperty(Assertion.prototype, 'resolves', {
  configurable: true,
  get() {
    const obj = this._obj
    this.flag('promise', 'resolves')
    this.flag('error', new Error('resolves'))
    if (this.flag('poll')) {
      throw new SyntaxError('expect.poll() is not supported in combination with .resolves')
    }
    if (typeof obj?.then !== 'function') {
      throw new TypeError(`You must provide a Promise to expect() when using .resolves, not '${typeof obj}'.`)
    }
    return promiseProxy(this, () => Promise.resolve(obj).then((value) => {
      this._obj = value
    }, (err) => {
      const failure = new AssertionError(`promise rejected "${inspect(err)}" instead of resolving`,
        { showDiff: false })
      failure.cause = err
      throw failure
    }))
  },
})

Object.defineProperty(Assertion.prototype, 'rejects', {
  configurable: true,
  get() {
    const obj = this._obj
    this.flag('promise', 'rejects')
    this.flag('error', new Error('rejects'))
    if (this.flag('poll')) {
      throw new SyntaxError('expect.poll() is not supported in combination with .rejects')
    }
    const wrapper = typeof obj === 'function' ? obj() : obj
    if (typeof wrapper?.then !== 'function') {
      throw new TypeError(`You must provide a Promise to expect() when using .rejects, not '${typeof wrapper}'.`)
    }
    return promiseProxy(this, () => Promise.resolve(wrapper).then((value) => {
      throw new AssertionError(`promise resolved "${inspect(value)}" instead of rejecting`,
        { showDiff: true, expected: new Error('rejected promise'), actual: value })
    }, (err) => {
      this._obj = err
    }))
  },
})

// Chai's sinon-style names for the mock matchers.
for (const [name, target, args] of [['called', 'toHaveBeenCalled', []],
  ['calledOnce', 'toHaveBeenCalledOnce', []], ['calledTwice', 'toHaveBeenCalledTimes', [2]],
  ['calledThrice', 'toHaveBeenCalledTimes', [3]]]) {
  Object.defineProperty(Assertion.prototype, name, {
    configurable: true,
    get() {
      return this[target](...args)
    },
  })
}
for (const [name, target] of [['callCount', 'toHaveBeenCalledTimes'], ['calledWith', 'toHaveBeenCalledWith'],
  ['calledOnceWith', 'toHaveBeenCalledExactlyOnceWith'], ['returned', 'toHaveReturned'],
  ['returnedWith', 'toHaveReturnedWith'], ['returnedTimes', 'toHaveReturnedTimes'],
  ['calledBefore', 'toHaveBeenCalledBefore'], ['calledAfter', 'toHaveBeenCalledAfter']]) {
  Object.defineProperty(Assertion.prototype, name, {
    configurable: true,
    writable: true,
    value(...args) {
      return this[target](...args)
    },
  })
}

function assertionsChecker(expect, stateOf) {
  expect.assertions = (expected) => {
    const state = stateOf()
    state.expectedAssertionsNumber = expected
  }
  expect.hasAssertions = () => {
    const state = stateOf()
    state.isExpectingAssertions = true
    Object.defineProperty(state, 'isExpectingAssertionsError', {
      value: new Error('expected any number of assertion, but got none'),
      configurable: true, writable: true, enumerable: false,
    })
  }
}

// createExpect makes an expect bound to state, or to the state of the
// running test (setState) when state is omitted.
function createExpect(state) {
  const stateOf = () => state || currentMatcherState()
  const expect = (value, message) => {
    const current = stateOf()
    current.assertionCalls = (current.assertionCalls || 0) + 1
    return new Assertion(value, message, current)
  }
  installAsymmetric(expect)
  installExtendedAsymmetric(expect)
  expect.getState = () => stateOf()
  expect.setState = patch => Object.assign(stateOf(), patch)
  expect.extend = definitions => extend(expect, definitions)
  expect.addEqualityTesters = (testers) => {
    if (!Array.isArray(testers)) {
      throw new TypeError('expect.customEqualityTesters: Must be set to an array of Testers. Was given '
        + `"${Object.prototype.toString.call(testers).slice(8, -1)}"`)
    }
    customTesters.push(...testers)
  }
  expect.soft = (value, message) => {
    const assertion = expect(value, message)
    assertion.flag('soft', true)
    return assertion
  }
  expect.unreachable = (message) => {
    throw finishError(new AssertionError(`expected${message ? ` "${message}" ` : ' '}not to be reached`,
      { actual: undefined, expected: undefined, operator: undefined }))
  }
  expect.poll = createPoll(expect, stateOf)
  expect.addSnapshotSerializer = (plugin) => {
    SNAPSHOT_PLUGINS.unshift(plugin)
  }
  assertionsChecker(expect, stateOf)
  return expect
}

// checkAssertions returns the error for a test whose expect.assertions(n) or
// expect.hasAssertions() was not satisfied, or undefined.
function checkAssertions(state) {
  const calls = state.assertionCalls || 0
  const expected = state.expectedAssertionsNumber
  if (expected !== null && expected !== undefined && calls !== expected) {
    return new Error(`expected number of assertions to be ${expected}, but got ${calls}`)
  }
  if (state.isExpectingAssertions === true && calls === 0) {
    return state.isExpectingAssertionsError || new Error('expected any number of assertion, but got none')
  }
  return undefined
}

const globalExpect = createExpect()
globalExpect.extend(builtinCustomMatchers)

return {
  expect: globalExpect,
  createExpect,
  AssertionError,
  setState(state) {
    currentState = state || null
  },
  getState: () => currentMatcherState(),
  newState,
  checkAssertions,
  finishError,
  format: value => formatForDiff(value),
  stringify: value => stringify(value),
  inspect: value => inspect(value),
  objDisplay,
  serializeSnapshot,
  diff: (expected, actual, options) => printDiffOrStringify(actual, expected, options),
  equals: (a, b, strict) => equals(a, b, strict ? TO_STRICT_EQUAL_TESTERS() : TO_EQUAL_TESTERS(), strict),
  snapshotUtils: {
    addExtraLineBreaks,
    removeExtraLineBreaks,
    escapeBacktickString,
    stripSnapshotIndentation,
    prepareInlineSnapshot,
  },
  fn,
  spyOn,
  mocked: item => item,
  isMockFunction,
  restoreAllMocks,
  clearAllMocks,
  resetAllMocks,
}
