// assertion.js: the assertion object that expect(value) returns, its flags
// (object, negate, promise, soft, message) and the error it throws.
//
// AssertionError carries, as a vitest error does once serialized:
//   message   the text people match on;
//   actual, expected  the values printed with pretty-format (strings stay
//             as they are), set only when showDiff is true;
//   diff      lib.diff-style text (`- Expected` / `+ Received`), or absent;
//   showDiff  whether a diff is meaningful;
//   operator  chai's operator name (strictEqual, deepStrictEqual, ...).
// The raw values stay reachable as actualValue and expectedValue (not
// enumerable).

class AssertionError extends Error {
  constructor(message = 'Unspecified AssertionError', props = {}) {
    super(message)
    Object.defineProperty(this, 'name', { value: 'AssertionError', writable: true, configurable: true })
    for (const key of Object.keys(props)) {
      this[key] = props[key]
    }
  }
}

function defineHidden(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: false })
}

// finishError gives err the printed actual/expected and the diff, as vitest
// does before it reports an error. It is applied once per error.
function finishError(err) {
  if (!err || typeof err !== 'object' || err.__finished) {
    return err
  }
  defineHidden(err, '__finished', true)
  const wantsDiff = err.showDiff
    || (err.showDiff === undefined && err.expected !== undefined && err.actual !== undefined)
  if (!wantsDiff) {
    return err
  }
  defineHidden(err, 'actualValue', err.actual)
  defineHidden(err, 'expectedValue', err.expected)
  // Like vitest, keep the printed forms the diff made for actual/expected.
  const memory = {}
  let text
  try {
    text = printDiffOrStringify(err.actual, err.expected, err.diffOptions, memory)
  } catch {
    text = undefined
  }
  err.diff = text
  err.expected = printForError('expected' in memory ? memory.expected : err.expected)
  err.actual = printForError('actual' in memory ? memory.actual : err.actual)
  return err
}

function printForError(value) {
  if (typeof value === 'string') {
    return value
  }
  try {
    return formatForDiff(value)
  } catch {
    return formatForDiff(value, true)
  }
}

function chaiType(obj) {
  if (obj === undefined) {
    return 'undefined'
  }
  if (obj === null) {
    return 'null'
  }
  const tag = obj[Symbol.toStringTag]
  return typeof tag === 'string' ? tag : Object.prototype.toString.call(obj).slice(8, -1)
}

// operatorFor guesses the node-style operator from the message, as chai does.
function operatorFor(template, expected) {
  if (!template || /\shave\s/.test(template)) {
    return undefined
  }
  const isObject = ['Array', 'Object', 'Function'].includes(chaiType(expected))
  if (/\snot\s/.test(template)) {
    return isObject ? 'notDeepStrictEqual' : 'notStrictEqual'
  }
  return isObject ? 'deepStrictEqual' : 'strictEqual'
}

class Assertion {
  constructor(object, message, state) {
    this.__flags = { object, message, state }
  }

  flag(key, ...value) {
    if (value.length) {
      this.__flags[key] = value[0]
      return this
    }
    return this.__flags[key]
  }

  get _obj() {
    return this.__flags.object
  }

  set _obj(value) {
    this.__flags.object = value
  }

  get not() {
    this.__flags.negate = true
    return this
  }

  // message renders a template: #{this} is the object, #{exp} the expected
  // value and #{act} the actual one, each printed with objDisplay.
  message(args) {
    const [, msg, negMsg, expected] = args
    const actual = args.length > 4 ? args[4] : this._obj
    let text = this.__flags.negate ? negMsg : msg
    if (typeof text === 'function') {
      text = text()
    }
    text = (text || '')
      .replace(/#\{this\}/g, () => objDisplay(this._obj))
      .replace(/#\{act\}/g, () => objDisplay(actual))
      .replace(/#\{exp\}/g, () => objDisplay(expected))
    const custom = this.__flags.message
    return custom ? `${custom}: ${text}` : text
  }

  // assert throws an AssertionError unless expr (inverted by .not) holds.
  assert(expr, msg, negMsg, expected, actualArg, showDiffArg) {
    const ok = this.__flags.negate ? !expr : Boolean(expr)
    if (ok) {
      return
    }
    let showDiff = showDiffArg !== false
    if (expected === undefined && actualArg === undefined) {
      showDiff = false
    }
    const text = this.message(arguments)
    const actual = arguments.length > 4 ? actualArg : this._obj
    const props = { actual, expected, showDiff }
    const operator = operatorFor(this.__flags.negate ? negMsg : msg, expected)
    if (operator) {
      props.operator = operator
    }
    throw new AssertionError(text, props)
  }

  fail(text, props) {
    const custom = this.__flags.message
    throw new AssertionError(custom ? `${custom}: ${text}` : text, props)
  }
}

for (const word of ['to', 'be', 'been', 'is', 'and', 'has', 'have', 'with', 'that', 'which', 'at',
  'of', 'same', 'but', 'does', 'still', 'also']) {
  Object.defineProperty(Assertion.prototype, word, {
    get() {
      return this
    },
    configurable: true,
  })
}

// matchers is the table of every matcher, built-in and extended; expect
// installs them on Assertion.prototype through wrapMatcher.
const matchers = Object.create(null)

function callMatcher(assertion, name, fn, args) {
  assertion.__flags._name = name
  if (!assertion.__flags.soft) {
    return fn.apply(assertion, args)
  }
  const state = assertion.__flags.state
  try {
    const result = fn.apply(assertion, args)
    if (result && typeof result.then === 'function') {
      return result.then(() => undefined, (err) => {
        recordSoftError(state, err)
      })
    }
    return result
  } catch (err) {
    recordSoftError(state, err)
    return undefined
  }
}

function recordSoftError(state, err) {
  if (!state || state === fallbackState) {
    throw new Error('expect.soft() can only be used inside a test')
  }
  state.softErrors = state.softErrors || []
  state.softErrors.push(finishError(err))
}

// defineMatcher installs a matcher under one or more names. Errors leave
// through finishError so that they carry the printed values and the diff.
function defineMatcher(names, fn) {
  for (const name of [].concat(names)) {
    matchers[name] = fn
    Object.defineProperty(Assertion.prototype, name, {
      configurable: true,
      writable: true,
      value: function matcher(...args) {
        try {
          const result = callMatcher(this, name, fn, args)
          if (result && typeof result.then === 'function') {
            return result.then(undefined, (err) => {
              throw finishError(err)
            })
          }
          // Like chai, a matcher that returns nothing returns the assertion.
          return result === undefined ? this : result
        } catch (err) {
          throw finishError(err)
        }
      },
    })
  }
}
