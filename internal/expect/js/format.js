// format.js: the multi-line printing vitest uses for diffs, for the
// `actual`/`expected` of errors and for snapshots (pretty-format). Objects
// print as `{` (printBasicPrototype off) in diffs and snapshots alike,
// one property a line, every line of a collection ending with a comma.

const FORMAT_DEFAULTS = {
  callToJSON: true,
  compareKeys: undefined,
  escapeRegex: false,
  escapeString: true,
  indent: 2,
  maxDepth: Infinity,
  maxOutputLength: 1000000,
  maxWidth: Infinity,
  min: false,
  plugins: [],
  printBasicPrototype: true,
  printFunctionName: true,
}

const ARRAY_LIKE_TAGS = new Set([
  '[object Array]', '[object ArrayBuffer]', '[object DataView]', '[object Float32Array]',
  '[object Float64Array]', '[object Int8Array]', '[object Int16Array]', '[object Int32Array]',
  '[object Uint8Array]', '[object Uint8ClampedArray]', '[object Uint16Array]',
  '[object Uint32Array]',
])

function constructorName(val) {
  return (typeof val.constructor === 'function' && val.constructor.name) || 'Object'
}

function printFunctionValue(fn, withName) {
  return withName ? `[Function ${fn.name || 'anonymous'}]` : '[Function]'
}

function printSymbolValue(sym) {
  return String(sym).replace(/^Symbol\((.*)\)(.*)$/s, 'Symbol($1)')
}

function printErrorValue(err) {
  return `[${Error.prototype.toString.call(err)}]`
}

// printBasic prints the values that need no recursion, or returns null.
function printBasic(val, config) {
  if (val === true || val === false) {
    return String(val)
  }
  if (val === undefined) {
    return 'undefined'
  }
  if (val === null) {
    return 'null'
  }
  switch (typeof val) {
    case 'number':
      return Object.is(val, -0) ? '-0' : String(val)
    case 'bigint':
      return `${val}n`
    case 'string':
      return config.escapeString ? `"${val.replace(/"|\\/g, '\\$&')}"` : `"${val}"`
    case 'function':
      return printFunctionValue(val, config.printFunctionName)
    case 'symbol':
      return printSymbolValue(val)
  }
  const tag = Object.prototype.toString.call(val)
  switch (tag) {
    case '[object WeakMap]':
      return 'WeakMap {}'
    case '[object WeakSet]':
      return 'WeakSet {}'
    case '[object Function]':
    case '[object GeneratorFunction]':
      return printFunctionValue(val, config.printFunctionName)
    case '[object Symbol]':
      return printSymbolValue(val)
    case '[object Date]':
      return Number.isNaN(+val) ? 'Date { NaN }' : Date.prototype.toISOString.call(val)
    case '[object Error]':
      return printErrorValue(val)
    case '[object RegExp]': {
      const text = RegExp.prototype.toString.call(val)
      return config.escapeRegex ? text.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&') : text
    }
  }
  if (val instanceof Error) {
    return printErrorValue(val)
  }
  return null
}

function enumerableKeys(obj, compareKeys) {
  const keys = compareKeys === null ? Object.keys(obj) : Object.keys(obj).sort(compareKeys)
  for (const sym of Object.getOwnPropertySymbols(obj)) {
    if (Object.getOwnPropertyDescriptor(obj, sym).enumerable) {
      keys.push(sym)
    }
  }
  return keys
}

// joinLines lays out the printed items of a collection, one a line (or on
// one line with `min`), with the trailing comma pretty-format puts after the
// last item.
function joinLines(count, printItem, config, indentation) {
  if (count === 0) {
    return ''
  }
  const next = indentation + config.indent
  let out = config.spacingOuter
  for (let i = 0; i < count; i++) {
    out += next
    if (i === config.maxWidth) {
      out += '…'
      break
    }
    out += printItem(i, next)
    if (i < count - 1) {
      out += `,${config.spacingInner}`
    } else if (!config.min) {
      out += ','
    }
  }
  return out + config.spacingOuter + indentation
}

function printListItems(list, config, indentation, depth, refs, printer) {
  const view = list instanceof ArrayBuffer ? new DataView(list) : list
  const isView = view instanceof DataView
  const count = isView ? view.byteLength : view.length
  return joinLines(count, (i, next) => {
    if (isView) {
      return printer(view.getInt8(i), config, next, depth, refs)
    }
    return i in view ? printer(view[i], config, next, depth, refs) : ''
  }, config, indentation)
}

function printEntries(entries, config, indentation, depth, refs, printer, sep = ': ') {
  return joinLines(entries.length, (i, next) => {
    const key = printer(entries[i][0], config, next, depth, refs)
    return key + sep + printer(entries[i][1], config, next, depth, refs)
  }, config, indentation)
}

function printValues(values, config, indentation, depth, refs, printer) {
  return joinLines(values.length, (i, next) => printer(values[i], config, next, depth, refs),
    config, indentation)
}

function printObjectProperties(val, config, indentation, depth, refs, printer) {
  const keys = enumerableKeys(val, config.compareKeys)
  return joinLines(keys.length, (i, next) => {
    const key = keys[i]
    return `${printer(key, config, next, depth, refs)}: ${printer(val[key], config, next, depth, refs)}`
  }, config, indentation)
}

function prefixFor(name, config) {
  if (config.min) {
    return ''
  }
  return !config.printBasicPrototype && (name === 'Array' || name === 'Object') ? '' : `${name} `
}

function printComplex(val, config, indentation, depth, refs, calledToJSON) {
  if (refs.includes(val)) {
    return '[Circular]'
  }
  refs = [...refs, val]
  const hitMaxDepth = ++depth > config.maxDepth

  if (config.callToJSON && !hitMaxDepth && val.toJSON && typeof val.toJSON === 'function'
    && !calledToJSON) {
    return printValue(val.toJSON(), config, indentation, depth, refs, true)
  }
  const tag = Object.prototype.toString.call(val)
  if (tag === '[object Arguments]') {
    return hitMaxDepth
      ? '[Arguments]'
      : `${config.min ? '' : 'Arguments '}[${printListItems(val, config, indentation, depth, refs, printValue)}]`
  }
  if (ARRAY_LIKE_TAGS.has(tag)) {
    const name = val.constructor.name
    return hitMaxDepth
      ? `[${name}]`
      : `${prefixFor(name, config)}[${printListItems(val, config, indentation, depth, refs, printValue)}]`
  }
  if (tag === '[object Map]') {
    return hitMaxDepth
      ? '[Map]'
      : `Map {${printEntries([...val.entries()], config, indentation, depth, refs, printValue, ' => ')}}`
  }
  if (tag === '[object Set]') {
    return hitMaxDepth
      ? '[Set]'
      : `Set {${printValues([...val.values()], config, indentation, depth, refs, printValue)}}`
  }
  const name = constructorName(val)
  return hitMaxDepth
    ? `[${name}]`
    : `${prefixFor(name, config)}{${printObjectProperties(val, config, indentation, depth, refs, printValue)}}`
}

function findPlugin(plugins, val) {
  for (const plugin of plugins) {
    if (plugin.test(val)) {
      return plugin
    }
  }
  return null
}

// runPlugin calls a plugin: `serialize` (the current interface) or
// `print` (the older one, still used by some snapshot serializers).
function runPlugin(plugin, val, config, indentation, depth, refs) {
  if (typeof plugin.serialize === 'function') {
    return plugin.serialize(val, config, indentation, depth, refs, printValue)
  }
  const printChild = child => printValue(child, config, indentation, depth, refs)
  const indent = (text) => {
    const next = indentation + config.indent
    return next + text.replace(/\n/g, `\n${next}`)
  }
  const spacing = { edgeSpacing: config.spacingOuter, min: config.min, spacing: config.spacingInner }
  return plugin.print(val, printChild, indent, spacing, {})
}

function printValue(val, config, indentation, depth, refs, calledToJSON) {
  let result
  const plugin = findPlugin(config.plugins, val)
  if (plugin !== null) {
    result = runPlugin(plugin, val, config, indentation, depth, refs)
    if (typeof result !== 'string') {
      throw new TypeError(
        `pretty-format: Plugin must return type "string" but instead returned "${typeof result}".`)
    }
  } else {
    result = printBasic(val, config)
    if (result === null) {
      result = printComplex(val, config, indentation, depth, refs, calledToJSON)
    }
  }

  // Like vitest, stop descending once one depth has printed too much, so a
  // huge value cannot produce an unbounded string.
  const perDepth = config.outputPerDepth
  perDepth[depth] = (perDepth[depth] || 0) + result.length
  if (perDepth[depth] > config.maxOutputLength) {
    config.maxDepth = 0
  }
  return result
}

function makeConfig(options) {
  const o = { ...FORMAT_DEFAULTS, ...options }
  return {
    callToJSON: o.callToJSON,
    compareKeys: typeof o.compareKeys === 'function' || o.compareKeys === null ? o.compareKeys : undefined,
    escapeRegex: o.escapeRegex,
    escapeString: o.escapeString,
    indent: o.min ? '' : ' '.repeat(o.indent),
    maxDepth: o.maxDepth,
    maxWidth: o.maxWidth,
    min: o.min,
    plugins: o.plugins,
    printBasicPrototype: o.printBasicPrototype,
    printFunctionName: o.printFunctionName,
    spacingInner: o.min ? ' ' : '\n',
    spacingOuter: o.min ? '' : '\n',
    maxOutputLength: o.maxOutputLength,
    outputPerDepth: [],
  }
}

// prettyFormat prints val with pretty-format's options.
function prettyFormat(val, options = {}) {
  const config = makeConfig(options)
  const plugin = findPlugin(config.plugins, val)
  if (plugin !== null) {
    return runPlugin(plugin, val, config, '', 0, [])
  }
  const basic = printBasic(val, config)
  if (basic !== null) {
    return basic
  }
  return printComplex(val, config, '', 0, [])
}

const ASYMMETRIC_TAG = Symbol.for('jest.asymmetricMatcher')

const AsymmetricMatcherPlugin = {
  test: val => Boolean(val) && val.$$typeof === ASYMMETRIC_TAG,
  serialize(val, config, indentation, depth, refs, printer) {
    const name = val.toString()
    if (name === 'ArrayContaining' || name === 'ArrayNotContaining') {
      if (++depth > config.maxDepth) {
        return `[${name}]`
      }
      return `${name} [${printListItems(val.sample, config, indentation, depth, refs, printer)}]`
    }
    if (name === 'ObjectContaining' || name === 'ObjectNotContaining') {
      if (++depth > config.maxDepth) {
        return `[${name}]`
      }
      return `${name} {${printObjectProperties(val.sample, config, indentation, depth, refs, printer)}}`
    }
    if (['StringMatching', 'StringNotMatching', 'StringContaining', 'StringNotContaining'].includes(name)) {
      return `${name} ${printer(val.sample, config, indentation, depth, refs)}`
    }
    if (typeof val.toAsymmetricMatcher !== 'function') {
      throw new TypeError(
        `Asymmetric matcher ${val.constructor.name} does not implement toAsymmetricMatcher()`)
    }
    return val.toAsymmetricMatcher()
  },
}

// ErrorPlugin prints errors with their message, cause and own properties; the
// diff uses it so that two errors with different messages show a difference.
const ErrorPlugin = {
  test: val => Boolean(val) && val instanceof Error,
  serialize(val, config, indentation, depth, refs, printer) {
    if (refs.includes(val)) {
      return '[Circular]'
    }
    refs = [...refs, val]
    const hitMaxDepth = ++depth > config.maxDepth
    const { message, cause, ...rest } = val
    const fields = { message }
    if (typeof cause !== 'undefined') {
      fields.cause = cause
    }
    if (val instanceof AggregateError) {
      fields.errors = val.errors
    }
    Object.assign(fields, rest)
    const name = val.name !== 'Error' ? val.name : constructorName(val)
    return hitMaxDepth
      ? `[${name}]`
      : `${name} {${printEntries(Object.entries(fields), config, indentation, depth, refs, printer)}}`
  },
}

// MockPlugin prints mock functions in snapshots as vitest does.
const MockPlugin = {
  test: val => Boolean(val) && Boolean(val._isMockFunction),
  serialize(val, config, indentation, depth, refs, printer) {
    const name = val.getMockName()
    const label = name === 'vi.fn()' ? '' : ` ${name}`
    let body = ''
    if (val.mock.calls.length !== 0) {
      const next = indentation + config.indent
      body = ` {${config.spacingOuter}${next}"calls": ${printer(val.mock.calls, config, next, depth, refs)}`
        + `${config.min ? ', ' : ','}${config.spacingOuter}${next}"results": `
        + `${printer(val.mock.results, config, next, depth, refs)}${config.min ? '' : ','}`
        + `${config.spacingOuter}${indentation}}`
    }
    return `[MockFunction${label}]${body}`
  },
}

const STRINGIFY_PLUGINS = [AsymmetricMatcherPlugin]
const DIFF_PLUGINS = [AsymmetricMatcherPlugin, ErrorPlugin]
// SNAPSHOT_PLUGINS grows at the front with expect.addSnapshotSerializer.
const SNAPSHOT_PLUGINS = [AsymmetricMatcherPlugin, MockPlugin]

// stringify is vitest's printing for matcher messages (`printReceived`):
// strings are not escaped, and a result of 10,000 characters or more is
// printed again at half the depth.
function stringify(value, maxDepth = 10, options = {}) {
  const { maxLength, ...rest } = options
  const limit = maxLength ?? 10000
  let result
  try {
    result = prettyFormat(value, { maxDepth, escapeString: false, plugins: STRINGIFY_PLUGINS, ...rest })
  } catch {
    result = prettyFormat(value, {
      callToJSON: false, maxDepth, escapeString: false, plugins: STRINGIFY_PLUGINS, ...rest,
    })
  }
  return result.length >= limit && maxDepth > 1
    ? stringify(value, Math.floor(Math.min(maxDepth, Number.MAX_SAFE_INTEGER) / 2), options)
    : result
}

// formatForDiff prints a value as the diff and the error's actual/expected
// strings show it.
function formatForDiff(value, fallback = false) {
  const options = fallback
    ? { callToJSON: false, maxDepth: 8, plugins: DIFF_PLUGINS, printBasicPrototype: false }
    : { maxDepth: 20, plugins: DIFF_PLUGINS, printBasicPrototype: false }
  return prettyFormat(value, options)
}

// serializeSnapshot prints a value the way vitest 4 stores it in snapshots:
// no `Object`/`Array` prefixes, strings unescaped (escaping backticks is the
// job of whoever writes the snapshot into a file), regexps escaped.
function serializeSnapshot(value) {
  return prettyFormat(value, {
    escapeRegex: true,
    escapeString: false,
    indent: 2,
    maxOutputLength: 2 ** 27,
    plugins: SNAPSHOT_PLUGINS,
    printBasicPrototype: false,
    printFunctionName: false,
  }).replace(/\r\n|\r/g, '\n')
}
