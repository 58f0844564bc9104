// mock_matchers.js: the matchers of mock functions (toHaveBeenCalled...,
// toHaveReturned..., toHaveResolved...) and their legacy aliases. Failures
// list the calls or results received, as vitest's do (without colors).

function ordinal(i) {
  const j = i % 10
  const k = i % 100
  if (j === 1 && k !== 11) {
    return `${i}st`
  }
  if (j === 2 && k !== 12) {
    return `${i}nd`
  }
  if (j === 3 && k !== 13) {
    return `${i}rd`
  }
  return `${i}th`
}

function spyOf(assertion) {
  const obj = assertion._obj
  if (!isMockFunction(obj)) {
    throw new TypeError(`${inspect(obj)} is not a spy or a call to a spy!`)
  }
  return obj
}

function indentLines(text) {
  return text.split('\n').map(line => `    ${line}`).join('\n')
}

// listReceived appends the calls (or results) to a failure message.
function listReceived(spy, items, msg, compareWith, label) {
  if (items.length) {
    msg += `\n\nReceived:\n\n${items.map((item, i) => {
      let block = `  ${ordinal(i + 1)} ${spy.getMockName()} ${label}:\n\n`
      const value = label === 'call' ? item : item.value
      block += compareWith
        ? diff(compareWith, value, { omitAnnotationLines: true })
        : indentLines(stringify(item))
      return `${block}\n`
    }).join('\n')}`
  }
  return `${msg}\n\nNumber of calls: ${spy.mock.calls.length}\n`
}

function formatCalls(spy, msg, args) {
  return listReceived(spy, spy.mock.calls, msg, args, 'call')
}

function formatReturns(spy, results, msg, value) {
  return listReceived(spy, results, msg, value, 'call return')
}

function sameArguments(a, b) {
  return a.length === b.length && a.every((item, i) => equals(item, b[i], TO_EQUAL_TESTERS()))
}

function failUnless(assertion, pass, text) {
  if (pass === Boolean(assertion.flag('negate'))) {
    throw new AssertionError(text)
  }
}

defineMatcher(['toHaveBeenCalledTimes', 'toBeCalledTimes'], function (times) {
  const spy = spyOf(this)
  const name = spy.getMockName()
  const count = spy.mock.calls.length
  this.assert(count === times, `expected "${name}" to be called #{exp} times, but got ${count} times`,
    `expected "${name}" to not be called #{exp} times`, times, count, false)
})

defineMatcher('toHaveBeenCalledOnce', function () {
  const spy = spyOf(this)
  const name = spy.getMockName()
  const count = spy.mock.calls.length
  this.assert(count === 1, `expected "${name}" to be called once, but got ${count} times`,
    `expected "${name}" to not be called once`, 1, count, false)
})

defineMatcher(['toHaveBeenCalled', 'toBeCalled'], function () {
  const spy = spyOf(this)
  const name = spy.getMockName()
  const count = spy.mock.calls.length
  const called = count > 0
  let msg = this.message([called, `expected "${name}" to be called at least once`,
    `expected "${name}" to not be called at all, but actually been called ${count} times`, true, called])
  if (called && this.flag('negate')) {
    msg = formatCalls(spy, msg)
  }
  failUnless(this, called, msg)
})

defineMatcher(['toHaveBeenCalledWith', 'toBeCalledWith'], function (...args) {
  const spy = spyOf(this)
  const name = spy.getMockName()
  const pass = spy.mock.calls.some(call => sameArguments(call, args))
  const msg = this.message([pass, `expected "${name}" to be called with arguments: #{exp}`,
    `expected "${name}" to not be called with arguments: #{exp}`, args])
  failUnless(this, pass, formatCalls(spy, msg, args))
})

defineMatcher('toHaveBeenCalledExactlyOnceWith', function (...args) {
  const spy = spyOf(this)
  const name = spy.getMockName()
  const pass = spy.mock.calls.length === 1 && spy.mock.calls.some(call => sameArguments(call, args))
  const msg = this.message([pass, `expected "${name}" to be called once with arguments: #{exp}`,
    `expected "${name}" to not be called once with arguments: #{exp}`, args])
  failUnless(this, pass, formatCalls(spy, msg, args))
})

defineMatcher(['toHaveBeenNthCalledWith', 'nthCalledWith'], function (times, ...args) {
  const spy = spyOf(this)
  const name = spy.getMockName()
  const nth = spy.mock.calls[times - 1]
  const count = spy.mock.calls.length
  const called = times <= count
  this.assert(nth && sameArguments(nth, args),
    `expected ${ordinal(times)} "${name}" call to have been called with #{exp}${
      called ? '' : `, but called only ${count} times`}`,
    `expected ${ordinal(times)} "${name}" call to not have been called with #{exp}`, args, nth, called)
})

defineMatcher(['toHaveBeenLastCalledWith', 'lastCalledWith'], function (...args) {
  const spy = spyOf(this)
  const name = spy.getMockName()
  const last = spy.mock.calls.at(-1)
  this.assert(last && sameArguments(last, args), `expected last "${name}" call to have been called with #{exp}`,
    `expected last "${name}" call to not have been called with #{exp}`, args, last)
})

function calledBefore(before, after, failIfNoFirst) {
  const a = before.mock.invocationCallOrder
  const b = after.mock.invocationCallOrder
  if (a.length === 0) {
    return !failIfNoFirst
  }
  if (b.length === 0) {
    return false
  }
  return a[0] < b[0]
}

function defineOrderMatcher(name, word, beforeFirst) {
  defineMatcher(name, function (other, failIfNoFirst = true) {
    const spy = spyOf(this)
    if (!isMockFunction(other)) {
      throw new TypeError(`${inspect(other)} is not a spy or a call to a spy`)
    }
    const pass = beforeFirst ? calledBefore(spy, other, failIfNoFirst) : calledBefore(other, spy, failIfNoFirst)
    this.assert(pass, `expected "${spy.getMockName()}" to have been called ${word} "${other.getMockName()}"`,
      `expected "${spy.getMockName()}" to not have been called ${word} "${other.getMockName()}"`, other, spy)
  })
}

defineOrderMatcher('toHaveBeenCalledBefore', 'before', true)
defineOrderMatcher('toHaveBeenCalledAfter', 'after', false)

function countOf(results, type) {
  return results.filter(r => (type === 'throw' ? r.type !== 'throw' : r.type === type)).length
}

defineMatcher('toHaveResolved', function () {
  const spy = spyOf(this)
  const pass = spy.mock.settledResults.some(r => r.type === 'fulfilled')
  this.assert(pass, `expected "${spy.getMockName()}" to be successfully resolved at least once`,
    `expected "${spy.getMockName()}" to not be successfully resolved`, pass, !pass, false)
})

defineMatcher(['toHaveReturned', 'toReturn'], function () {
  const spy = spyOf(this)
  const pass = spy.mock.calls.length > 0 && spy.mock.results.some(r => r.type !== 'throw')
  this.assert(pass, `expected "${spy.getMockName()}" to be successfully called at least once`,
    `expected "${spy.getMockName()}" to not be successfully called`, pass, !pass, false)
})

function defineTimesMatcher(names, action, count) {
  defineMatcher(names, function (times) {
    const spy = spyOf(this)
    const pass = count(spy) === times
    this.assert(pass, `expected "${spy.getMockName()}" to be successfully ${action} ${times} times`,
      `expected "${spy.getMockName()}" to not be successfully ${action} ${times} times`,
      `expected resolved times: ${times}`, `received resolved times: ${pass}`, false)
  })
}

defineTimesMatcher('toHaveResolvedTimes', 'resolved', spy => countOf(spy.mock.settledResults, 'fulfilled'))
defineTimesMatcher(['toHaveReturnedTimes', 'toReturnTimes'], 'called', spy => countOf(spy.mock.results, 'throw'))

function defineWithMatcher(names, action, resultsOf, okType) {
  defineMatcher(names, function (value) {
    const spy = spyOf(this)
    const results = resultsOf(spy)
    const pass = results.some(r => r.type === okType && equals(value, r.value))
    if (pass === Boolean(this.flag('negate'))) {
      const msg = this.message([pass, `expected "${spy.getMockName()}" to ${action} with: #{exp} at least once`,
        `expected "${spy.getMockName()}" to not ${action} with: #{exp}`, value])
      throw new AssertionError(formatReturns(spy, results, msg, value))
    }
  })
}

defineWithMatcher('toHaveResolvedWith', 'resolve', spy => spy.mock.settledResults, 'fulfilled')
defineWithMatcher(['toHaveReturnedWith', 'toReturnWith'], 'return', spy => spy.mock.results, 'return')

function defineLastMatcher(names, action, resultsOf, okType) {
  defineMatcher(names, function (value) {
    const spy = spyOf(this)
    const result = resultsOf(spy).at(-1)
    const pass = Boolean(result && result.type === okType && equals(result.value, value))
    this.assert(pass, `expected last "${spy.getMockName()}" call to ${action} #{exp}`,
      `expected last "${spy.getMockName()}" call to not ${action} #{exp}`, value, result?.value)
  })
}

defineLastMatcher('toHaveLastResolvedWith', 'resolve', spy => spy.mock.settledResults, 'fulfilled')
defineLastMatcher(['toHaveLastReturnedWith', 'lastReturnedWith'], 'return', spy => spy.mock.results, 'return')

function defineNthMatcher(names, action, resultsOf, okType) {
  defineMatcher(names, function (nth, value) {
    const spy = spyOf(this)
    const result = resultsOf(spy)[nth - 1]
    const pass = Boolean(result && result.type === okType && equals(result.value, value))
    const call = `${ordinal(nth)} call`
    this.assert(pass, `expected ${call} "${spy.getMockName()}" call to ${action} #{exp}`,
      `expected ${call} "${spy.getMockName()}" call to not ${action} #{exp}`, value, result?.value)
  })
}

defineNthMatcher('toHaveNthResolvedWith', 'resolve', spy => spy.mock.settledResults, 'fulfilled')
defineNthMatcher(['toHaveNthReturnedWith', 'nthReturnedWith'], 'return', spy => spy.mock.results, 'return')
