// poll.js: expect.poll(fn, {interval, timeout, message}). Each matcher call
// returns a thenable that, once awaited, calls fn and the matcher every
// `interval` ms until the matcher passes or `timeout` ms have passed; then
// the last error is thrown with cause "Matcher did not succeed in time.".
// Timers come from state.timers ({setTimeout, clearTimeout}, so that the
// runner can hand over timers that fake time does not stop) or else from
// the global object.

const POLL_UNSUPPORTED = new Set([
  'matchSnapshot', 'toMatchSnapshot', 'toMatchInlineSnapshot', 'toThrowErrorMatchingSnapshot',
  'toThrowErrorMatchingInlineSnapshot', 'throws', 'Throw', 'throw', 'toThrow', 'toThrowError',
])

function pollTimers(state) {
  const timers = state && state.timers ? state.timers : globalThis
  if (typeof timers.setTimeout !== 'function' || typeof timers.clearTimeout !== 'function') {
    throw new Error('expect.poll() needs setTimeout and clearTimeout')
  }
  return timers
}

function lazyThenable(run) {
  let result
  const start = () => {
    result = result || run()
    return result
  }
  return {
    then: (onFulfilled, onRejected) => start().then(onFulfilled, onRejected),
    catch: onRejected => start().catch(onRejected),
    finally: onFinally => start().finally(onFinally),
    [Symbol.toStringTag]: 'Promise',
  }
}

async function pollUntil(assertion, fn, matcher, args, options, timers) {
  const origin = new Error('STACK_TRACE_ERROR')
  let timedOut = false
  const timer = timers.setTimeout(() => {
    timedOut = true
  }, options.timeout)
  try {
    for (;;) {
      const last = timedOut
      try {
        assertion._obj = await fn()
        return await matcher.call(assertion, ...args)
      } catch (err) {
        if (last) {
          if (err && typeof err === 'object' && err.cause == null) {
            err.cause = new Error('Matcher did not succeed in time.')
          }
          throw keepStack(err, origin)
        }
        await new Promise(resolve => timers.setTimeout(resolve, options.interval))
      }
    }
  } finally {
    timers.clearTimeout(timer)
  }
}

function createPoll(expect, stateOf) {
  return function poll(fn, options = {}) {
    const { interval = 50, timeout = 1000, message } = options
    const assertion = expect(null, message)
    assertion.flag('poll', true)
    const timers = pollTimers(stateOf())
    const bound = fn.bind(assertion)
    const proxy = new Proxy(assertion, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver)
        if (typeof value !== 'function') {
          return value instanceof Assertion ? proxy : value
        }
        if (key === 'assert') {
          return value
        }
        if (typeof key === 'string' && POLL_UNSUPPORTED.has(key)) {
          throw new SyntaxError(`expect.poll() is not supported in combination with .${key}(). `
            + 'Use vi.waitFor() if your assertion condition is unstable.')
        }
        return (...args) => lazyThenable(() => {
          assertion.flag('_name', key)
          return pollUntil(assertion, bound, value, args, { interval, timeout }, timers)
        })
      },
    })
    return proxy
  }
}
