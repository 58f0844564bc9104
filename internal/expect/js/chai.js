// chai.js: the common chai-style assertions that vitest's expect also
// accepts (`expect(x).to.equal(y)`, `.to.be.true`, `.to.deep.equal`, ...),
// with chai's messages. Deep equality here is vitest's strict equality
// (undefined properties count, classes do not), close to chai's deep-eql.
//
// Not provided: chai's `assert` interface, `.keys`, `.members`, `.oneOf`,
// `.within`, `.closeTo`, `.respondTo`, `.satisfy`, `.own`/`.nested` flags and
// `.length` used as a chain (`.length.above(2)`); `.throw(Class)` reports
// vitest's toThrow message instead of chai's.

function defineFlagProperty(name, flagName) {
  Object.defineProperty(Assertion.prototype, name, {
    configurable: true,
    get() {
      this.flag(flagName, true)
      return this
    },
  })
}

defineFlagProperty('deep', 'deep')

function defineCheck(name, check) {
  Object.defineProperty(Assertion.prototype, name, {
    configurable: true,
    get() {
      this.flag('_name', name)
      try {
        check.call(this)
      } catch (err) {
        throw finishError(err)
      }
      return this
    },
  })
}

defineCheck('ok', function () {
  this.assert(this._obj, 'expected #{this} to be truthy', 'expected #{this} to be falsy')
})
defineCheck('true', function () {
  this.assert(this._obj === true, 'expected #{this} to be true', 'expected #{this} to be false',
    !this.flag('negate'))
})
defineCheck('false', function () {
  this.assert(this._obj === false, 'expected #{this} to be false', 'expected #{this} to be true',
    Boolean(this.flag('negate')))
})
defineCheck('null', function () {
  this.assert(this._obj === null, 'expected #{this} to be null', 'expected #{this} not to be null')
})
defineCheck('undefined', function () {
  this.assert(this._obj === undefined, 'expected #{this} to be undefined', 'expected #{this} not to be undefined')
})
defineCheck('NaN', function () {
  this.assert(Number.isNaN(this._obj), 'expected #{this} to be NaN', 'expected #{this} not to be NaN')
})
for (const name of ['exist', 'exists']) {
  defineCheck(name, function () {
    this.assert(this._obj != null, 'expected #{this} to exist', 'expected #{this} to not exist')
  })
}
defineCheck('empty', function () {
  const obj = this._obj
  const type = chaiType(obj).toLowerCase()
  let size
  if (type === 'string' || type === 'array') {
    size = obj.length
  } else if (type === 'map' || type === 'set') {
    size = obj.size
  } else if (obj !== null && typeof obj === 'object') {
    size = Object.keys(obj).length
  } else {
    this.fail(`.empty was passed non-string primitive ${inspect(obj)}`)
  }
  this.assert(size === 0, 'expected #{this} to be empty', 'expected #{this} not to be empty')
})

function assertEqual(value) {
  if (this.flag('deep')) {
    assertEql.call(this, value)
    return
  }
  this.assert(value === this._obj, 'expected #{this} to equal #{exp}', 'expected #{this} to not equal #{exp}',
    value, this._obj, true)
}

function assertEql(value) {
  this.assert(equals(value, this._obj, [iterableEquality], true), 'expected #{this} to deeply equal #{exp}',
    'expected #{this} to not deeply equal #{exp}', value, this._obj, true)
}

defineMatcher(['equal', 'equals', 'eq'], assertEqual)
defineMatcher(['eql', 'eqls'], assertEql)

function isNumeric(value) {
  return ['Number', 'BigInt'].includes(chaiType(value))
}

function defineOrder(names, words, negWords, compare) {
  defineMatcher(names, function (n) {
    const obj = this._obj
    const type = chaiType(obj).toLowerCase()
    if (type === 'date' && chaiType(n).toLowerCase() !== 'date') {
      this.fail(`the argument to ${names[0]} must be a date`)
    } else if (!isNumeric(n) && isNumeric(obj)) {
      this.fail(`the argument to ${names[0]} must be a number`)
    } else if (type !== 'date' && !isNumeric(obj)) {
      const printed = type === 'string' ? `'${obj}'` : obj
      this.fail(`expected ${printed} to be a number or a date`)
    }
    this.assert(compare(obj, n), `expected #{this} to be ${words} #{exp}`, `expected #{this} to be ${negWords} #{exp}`,
      n)
  })
}

defineOrder(['above', 'gt', 'greaterThan'], 'above', 'at most', (a, b) => a > b)
defineOrder(['least', 'gte', 'greaterThanOrEqual'], 'at least', 'below', (a, b) => a >= b)
defineOrder(['below', 'lt', 'lessThan'], 'below', 'at least', (a, b) => a < b)
defineOrder(['most', 'lte', 'lessThanOrEqual'], 'at most', 'above', (a, b) => a <= b)

defineMatcher(['a', 'an'], function (type) {
  type = type.toLowerCase()
  const article = 'aeiou'.includes(type.charAt(0)) ? 'an ' : 'a '
  const detected = chaiType(this._obj).toLowerCase()
  const pass = type === 'function' ? FUNCTION_KINDS.includes(detected) : type === detected
  this.assert(pass, `expected #{this} to be ${article}${type}`, `expected #{this} not to be ${article}${type}`)
})

defineMatcher(['instanceof', 'instanceOf'], matchers.toBeInstanceOf)

defineMatcher(['include', 'includes', 'contain', 'contains'], function (item) {
  if (this.flag('deep') && Array.isArray(this._obj)) {
    const found = this._obj.some(entry => equals(entry, item, [iterableEquality], true))
    this.assert(found, `expected #{this} to deep include ${inspect(item)}`,
      `expected #{this} to not deep include ${inspect(item)}`)
    return
  }
  includes(this, item)
})

defineMatcher(['lengthOf', 'length'], matchers.toHaveLength)

defineMatcher('property', function (name, ...value) {
  const obj = this._obj
  const has = obj != null && name in Object(obj)
  if (value.length === 0) {
    this.assert(has, `expected #{this} to have property ${inspect(name)}`,
      `expected #{this} to not have property ${inspect(name)}`)
    return
  }
  const actual = has ? obj[name] : undefined
  const same = this.flag('deep') ? equals(value[0], actual, [iterableEquality], true) : value[0] === actual
  const descriptor = this.flag('deep') ? 'deep property ' : 'property '
  this.assert(has && same, `expected #{this} to have ${descriptor}${inspect(name)} of #{exp}, but got #{act}`,
    `expected #{this} to not have ${descriptor}${inspect(name)} of #{act}`, value[0], actual)
})

defineMatcher('match', function (re) {
  this.assert(re.exec(this._obj), `expected #{this} to match ${re}`, `expected #{this} not to match ${re}`)
})

defineMatcher('string', function (text) {
  this.assert(this._obj.indexOf(text) !== -1, `expected #{this} to contain ${inspect(text)}`,
    `expected #{this} to not contain ${inspect(text)}`)
})

defineMatcher(['throw', 'throws', 'Throw'], toThrowMatcher)
