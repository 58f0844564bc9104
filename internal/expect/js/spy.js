// spy.js: vitest 4's mock functions (vi.fn, vi.spyOn) and their registry.
//
// mockReset clears the calls and goes back to the implementation given to
// vi.fn(impl) (or to the spied original for spyOn), not to an empty
// function; mockRestore also puts the original property back on the object.

// DISPOSE is Symbol.dispose, or the name esbuild's `using` helpers fall back
// to where the runtime has none.
const DISPOSE = Symbol.dispose || Symbol.for('Symbol.dispose')
const restorers = new Set()
const registeredMocks = new Set()
let invocationCounter = 1

function isMockFunction(fn) {
  return typeof fn === 'function' && '_isMockFunction' in fn && fn._isMockFunction === true
}

function newMockState() {
  const state = {
    calls: [],
    contexts: [],
    instances: [],
    invocationCallOrder: [],
    settledResults: [],
    results: [],
    get lastCall() {
      return state.calls.at(-1)
    },
  }
  return state
}

function throwConstructorError(shorthand) {
  throw new TypeError(`Cannot use \`${shorthand}\` when called with \`new\`. Use \`mockImplementation\` with `
    + 'a `class` keyword instead. See https://vitest.dev/api/mock#class-support for more information.')
}

const IGNORED_STATIC_KEYS = new Set(['length', 'name', 'prototype'])

// copyStatics gives the mock the static members of the function it stands
// for (class statics, function properties), unless the mock has its own.
function copyStatics(mock, original) {
  const seen = new Set()
  for (let obj = original; obj && obj !== Object.prototype && obj !== Function.prototype;
    obj = Object.getPrototypeOf(obj)) {
    for (const key of [...Object.getOwnPropertyNames(obj), ...Object.getOwnPropertySymbols(obj)]) {
      if (seen.has(key) || IGNORED_STATIC_KEYS.has(key)) {
        continue
      }
      seen.add(key)
      if (!findDescriptor(mock, key)) {
        Object.defineProperty(mock, key, Object.getOwnPropertyDescriptor(obj, key))
      }
    }
  }
}

function settle(settled, value) {
  if (value instanceof Promise) {
    value.then((v) => {
      settled.type = 'fulfilled'
      settled.value = v
    }, (err) => {
      settled.type = 'rejected'
      settled.value = err
    })
    return
  }
  settled.type = 'fulfilled'
  settled.value = value
}

// makeCallable builds the function that records each call and runs the
// current implementation (with `new` too).
function makeCallable(config, state, name, getMock) {
  const named = {
    [name]: function (...args) {
      state.calls.push(args)
      state.invocationCallOrder.push(invocationCounter++)
      const result = { type: 'incomplete', value: undefined }
      const settled = { type: 'incomplete', value: undefined }
      state.results.push(result)
      state.settledResults.push(settled)
      const context = new.target ? undefined : this
      const index = state.instances.push(context)
      state.contexts.push(context)
      const impl = config.once.shift() || config.impl || config.original || function () {}
      let value
      try {
        value = new.target ? Reflect.construct(impl, args, new.target) : impl.apply(this, args)
      } catch (err) {
        result.type = 'throw'
        result.value = err
        settled.type = 'rejected'
        settled.value = err
        if (err instanceof TypeError && String(err.message).includes('is not a constructor')
          && typeof console !== 'undefined') {
          console.warn(`[vitest] The ${getMock().getMockName()} mock did not use 'function' or 'class' in its `
            + 'implementation, see https://vitest.dev/api/vi#vi-spyon for examples.')
        }
        throw err
      }
      result.type = 'return'
      result.value = value
      if (new.target) {
        state.contexts[index - 1] = value
        state.instances[index - 1] = value
      }
      settle(settled, value)
      return value
    },
  }
  return named[name]
}

function addImplementationMethods(mock, config) {
  mock.mockImplementation = (impl) => {
    config.impl = impl
    return mock
  }
  mock.mockImplementationOnce = (impl) => {
    config.once.push(impl)
    return mock
  }
  mock.getMockImplementation = () => config.once[0] || config.impl
  mock.withImplementation = (impl, callback) => {
    const previous = config.impl
    const previousOnce = config.once
    const reset = () => {
      config.impl = previous
      config.once = previousOnce
    }
    config.impl = impl
    config.once = []
    const returned = callback()
    if (typeof returned === 'object' && typeof returned?.then === 'function') {
      return returned.then(() => {
        reset()
        return mock
      })
    }
    reset()
    return mock
  }
  mock.mockReturnThis = () => mock.mockImplementation(function () {
    return this
  })
}

// addShorthands adds mockReturnValue and friends; like vitest's they refuse
// to run under `new`.
function addShorthands(mock) {
  const shorthand = (name, register, make) => {
    mock[name] = value => register(function () {
      if (new.target) {
        throwConstructorError(name)
      }
      return make(value)
    })
  }
  shorthand('mockReturnValue', mock.mockImplementation, v => v)
  shorthand('mockReturnValueOnce', mock.mockImplementationOnce, v => v)
  shorthand('mockResolvedValue', mock.mockImplementation, v => Promise.resolve(v))
  shorthand('mockResolvedValueOnce', mock.mockImplementationOnce, v => Promise.resolve(v))
  shorthand('mockRejectedValue', mock.mockImplementation, v => Promise.reject(v))
  shorthand('mockRejectedValueOnce', mock.mockImplementationOnce, v => Promise.reject(v))
  mock.mockThrow = value => mock.mockImplementation(() => {
    throw value
  })
  mock.mockThrowOnce = value => mock.mockImplementationOnce(() => {
    throw value
  })
}

function addStateMethods(mock, config, state, options) {
  mock.mockClear = () => {
    state.calls = []
    state.contexts = []
    state.instances = []
    state.invocationCallOrder = []
    state.results = []
    state.settledResults = []
    return mock
  }
  mock.mockReset = () => {
    mock.mockClear()
    config.impl = options.resetToImplementation ? options.mockImplementation : undefined
    config.name = options.resetToName ? (mock.name || 'vi.fn()') : 'vi.fn()'
    config.once = []
    return mock
  }
  mock.mockRestore = () => {
    mock.mockReset()
    return options.restore?.()
  }
  mock.mockName = (name) => {
    if (typeof name === 'string') {
      config.name = name
    }
    return mock
  }
  mock.getMockName = () => config.name || 'vi.fn()'
}

// createMock builds a mock function. options: original (what runs when no
// implementation is set), mockImplementation, restore, resetToImplementation
// (vi.fn) and resetToName (spyOn).
function createMock(options = {}) {
  if (options.restore) {
    restorers.add(options.restore)
  }
  const config = { impl: undefined, original: options.original, name: 'vi.fn()', once: [] }
  const state = newMockState()
  let mock = null
  const source = options.original || options.mockImplementation
  mock = makeCallable(config, state, (options.original && options.original.name) || 'Mock', () => mock)
  if (source) {
    copyStatics(mock, source)
  }
  Object.defineProperty(mock, 'length', {
    writable: true, enumerable: false, configurable: true, value: source ? source.length : 0,
  })
  if (options.resetToName) {
    config.name = mock.name || 'vi.fn()'
  }
  registeredMocks.add(mock)
  mock._isMockFunction = true
  Object.defineProperty(mock, 'mock', {
    configurable: false, enumerable: true, get: () => state,
  })
  addImplementationMethods(mock, config)
  addShorthands(mock)
  addStateMethods(mock, config, state, options)
  mock[DISPOSE] = () => mock.mockRestore()
  if (options.mockImplementation) {
    mock.mockImplementation(options.mockImplementation)
  }
  return mock
}

// fn is vi.fn: a mock that runs impl (if any); a mock passed in is returned.
function fn(impl) {
  if (impl != null && isMockFunction(impl)) {
    return impl
  }
  return createMock({ mockImplementation: impl, resetToImplementation: true })
}

function findDescriptor(obj, key) {
  for (let o = obj; o !== null; o = Object.getPrototypeOf(o)) {
    const desc = Object.getOwnPropertyDescriptor(o, key)
    if (desc) {
      return [o, desc]
    }
  }
  return undefined
}

function spyCheck(cond, message) {
  if (!cond) {
    throw new Error(message)
  }
}

// spyOn replaces obj[key] (or its getter/setter with accessType 'get' or
// 'set') by a mock that calls the original until told otherwise.
function spyOn(obj, key, accessType) {
  spyCheck(obj != null,
    'The vi.spyOn() function could not find an object to spy upon. The first argument must be defined.')
  spyCheck(typeof obj === 'object' || typeof obj === 'function', 'Vitest cannot spy on a primitive value.')
  const [owner, desc] = findDescriptor(obj, key) || []
  spyCheck(desc || key in obj, `The property "${String(key)}" is not defined on the ${typeof obj}.`)
  const access = accessType || 'value'
  let original
  if (desc) {
    original = desc[access]
    if (original == null && access === 'value') {
      original = obj[key]
    }
  } else if (access !== 'value') {
    original = () => obj[key]
  } else {
    original = obj[key]
  }
  spyCheck(typeof original === 'function' || (access !== 'value' && original == null),
    `vi.spyOn() can only spy on a function. Received ${typeof original}.`)
  if (isMockFunction(original)) {
    return original
  }
  const assign = (value) => {
    const { value: _ignored, ...rest } = desc || { configurable: true, writable: true }
    if (access !== 'value') {
      delete rest.writable
    }
    rest[access] = value
    Object.defineProperty(obj, key, rest)
  }
  const restore = () => {
    if (owner !== obj) {
      Reflect.deleteProperty(obj, key)
    } else if (desc && !original) {
      Object.defineProperty(obj, key, desc)
    } else {
      assign(original)
    }
  }
  const mock = createMock({ restore, original, resetToName: true })
  assign(mock)
  return mock
}

function restoreAllMocks() {
  for (const restore of restorers) {
    restore()
  }
  restorers.clear()
}

function clearAllMocks() {
  registeredMocks.forEach(mock => mock.mockClear())
}

function resetAllMocks() {
  registeredMocks.forEach(mock => mock.mockReset())
}
