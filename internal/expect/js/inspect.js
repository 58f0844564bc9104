// inspect.js: the one-line printing used inside assertion messages, the way
// chai prints values for vitest (`{ a: 1 }`, `[ 1, 2 ]`, `'str'`, `+0`): every
// part of a value gets a share of a 40-character budget and what does not fit
// is cut with "…(n)". objDisplay then shortens long arrays, objects and
// functions to `[ Array(3) ]`, `{ Object (a, b, ...) }` and `[Function: f]`.

const ELLIPSIS = '\u2026'
const MESSAGE_WIDTH = 40

function cutText(text, room, tail = ELLIPSIS) {
  text = String(text)
  if (tail.length > room && text.length > tail.length) {
    return tail
  }
  if (text.length > room && text.length > tail.length) {
    let end = room - tail.length
    const code = end > 0 ? text.charCodeAt(end - 1) : 0
    if (code >= 0xD800 && code <= 0xDBFF) {
      end -= 1
    }
    return text.slice(0, end) + tail
  }
  return text
}

// inspectItems prints a list within opts.truncate characters. It looks one
// item ahead so that the "…(n)" marker replaces items that would not fit.
function inspectItems(items, opts, printItem = inspectValue, sep = ', ') {
  const count = items.length
  if (count === 0) {
    return ''
  }
  const room = opts.truncate
  let out = ''
  let next = ''
  let marker = ''
  for (let i = 0; i < count; i++) {
    const isLast = i + 1 === count
    const isPenultimate = i + 2 === count
    marker = `${ELLIPSIS}(${count - i})`
    opts.truncate = room - out.length - (isLast ? 0 : sep.length)
    const piece = next || printItem(items[i], opts) + (isLast ? '' : sep)
    const grown = out.length + piece.length
    const grownMarked = grown + marker.length

    if (isLast && grown > room && out.length + marker.length <= room) {
      break
    }
    if (!isLast && !isPenultimate && grownMarked > room) {
      break
    }
    next = isLast ? '' : printItem(items[i + 1], opts) + (isPenultimate ? '' : sep)
    if (!isLast && isPenultimate && grownMarked > room && grown + next.length > room) {
      break
    }
    out += piece
    if (!isLast && !isPenultimate && grown + next.length >= room) {
      marker = `${ELLIPSIS}(${count - i - 1})`
      break
    }
    marker = ''
  }
  return out + marker
}

function quoteKey(key) {
  if (/^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key)) {
    return key
  }
  return JSON.stringify(key).replace(/'/g, "\\'").replace(/\\"/g, '"').replace(/(^"|"$)/g, "'")
}

function inspectEntry([key, value], opts) {
  opts.truncate -= 2
  if (typeof key === 'string') {
    key = quoteKey(key)
  } else if (typeof key !== 'number') {
    key = `[${inspectValue(key, opts)}]`
  }
  opts.truncate -= key.length
  return `${key}: ${inspectValue(value, opts)}`
}

const STRING_ESCAPES = {
  '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', "'": "\\'",
}

// Characters chai escapes: the quote, controls and invisible ones (not the
// backslash).
const NEEDS_ESCAPE = new RegExp("['\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0604\\u070f"
  + '\\u17b4\\u17b5\\u200c-\\u200f\\u2028-\\u202f\\u2060-\\u206f\\ufeff\\ufff0-\\uffff]', 'g')

function inspectString(text, opts) {
  text = String(text).replace(NEEDS_ESCAPE, ch =>
    STRING_ESCAPES[ch] || `\\u${`0000${ch.charCodeAt(0).toString(16)}`.slice(-4)}`)
  return `'${cutText(text, opts.truncate - 2)}'`
}

function inspectNumber(n, opts) {
  n = Number(n)
  if (Number.isNaN(n)) {
    return 'NaN'
  }
  if (n === Infinity) {
    return 'Infinity'
  }
  if (n === -Infinity) {
    return '-Infinity'
  }
  if (n === 0) {
    return 1 / n === Infinity ? '+0' : '-0'
  }
  return cutText(String(n), opts.truncate)
}

function inspectBigInt(n, opts) {
  let digits = cutText(n.toString(), opts.truncate - 1)
  if (digits !== ELLIPSIS) {
    digits += 'n'
  }
  return digits
}

function inspectFunction(fn, opts) {
  const kind = fn[Symbol.toStringTag] || 'Function'
  if (!fn.name) {
    return `[${kind}]`
  }
  return `[${kind} ${cutText(fn.name, opts.truncate - 11)}]`
}

function inspectPlainObject(obj, opts) {
  const names = Object.getOwnPropertyNames(obj)
  const symbols = Object.getOwnPropertySymbols(obj)
  if (names.length === 0 && symbols.length === 0) {
    return '{}'
  }
  opts.truncate -= 4
  if (opts.seen.includes(obj)) {
    return '[Circular]'
  }
  opts.seen.push(obj)
  const named = inspectItems(names.map(k => [k, obj[k]]), opts, inspectEntry)
  const symbolic = inspectItems(symbols.map(k => [k, obj[k]]), opts, inspectEntry)
  opts.seen.pop()
  const sep = named && symbolic ? ', ' : ''
  return `{ ${named}${sep}${symbolic} }`
}

function inspectInstance(obj, opts) {
  let name = ''
  if (Symbol.toStringTag in obj) {
    name = obj[Symbol.toStringTag]
  }
  name = name || obj.constructor.name
  if (!name || name === '_class') {
    name = '<Anonymous Class>'
  }
  opts.truncate -= name.length
  return `${name}${inspectPlainObject(obj, opts)}`
}

function inspectArray(arr, opts) {
  const extra = Object.keys(arr).slice(arr.length)
  if (!arr.length && !extra.length) {
    return '[]'
  }
  opts.truncate -= 4
  const items = inspectItems(arr, opts)
  opts.truncate -= items.length
  let props = ''
  if (extra.length) {
    props = inspectItems(extra.map(k => [k, arr[k]]), opts, inspectEntry)
  }
  return `[ ${items}${props ? `, ${props}` : ''} ]`
}

function inspectTypedArray(arr, opts) {
  const name = arr[Symbol.toStringTag] || arr.constructor.name
  opts.truncate -= name.length + 4
  const extra = Object.keys(arr).slice(arr.length)
  if (!arr.length && !extra.length) {
    return `${name}[]`
  }
  let out = ''
  for (let i = 0; i < arr.length; i++) {
    const piece = `${cutText(arr[i], opts.truncate)}${i === arr.length - 1 ? '' : ', '}`
    opts.truncate -= piece.length
    if (arr[i] !== arr.length && opts.truncate <= 3) {
      out += `${ELLIPSIS}(${arr.length - arr[i] + 1})`
      break
    }
    out += piece
  }
  let props = ''
  if (extra.length) {
    props = inspectItems(extra.map(k => [k, arr[k]]), opts, inspectEntry)
  }
  return `${name}[ ${out}${props ? `, ${props}` : ''} ]`
}

function inspectMapEntry([key, value], opts) {
  opts.truncate -= 4
  key = inspectValue(key, opts)
  opts.truncate -= key.length
  return `${key} => ${inspectValue(value, opts)}`
}

function inspectMap(map, opts) {
  if (map.size === 0) {
    return 'Map{}'
  }
  opts.truncate -= 7
  return `Map{ ${inspectItems([...map.entries()], opts, inspectMapEntry)} }`
}

function inspectSet(set, opts) {
  if (set.size === 0) {
    return 'Set{}'
  }
  opts.truncate -= 7
  return `Set{ ${inspectItems([...set.values()], opts)} }`
}

function inspectDate(date, opts) {
  const iso = Date.prototype.toJSON.call(date)
  if (iso === null) {
    return 'Invalid Date'
  }
  const [day, time] = iso.split('T')
  return `${day}T${cutText(time, opts.truncate - day.length - 1)}`
}

function inspectRegExp(re, opts) {
  const flags = RegExp.prototype.toString.call(re).split('/').pop()
  return `/${cutText(re.source, opts.truncate - (2 + flags.length))}/${flags}`
}

const ERROR_HIDDEN_KEYS = new Set([
  'stack', 'line', 'column', 'name', 'message', 'fileName', 'lineNumber', 'columnNumber',
  'number', 'description', 'cause',
])

function inspectError(err, opts) {
  const keys = Object.getOwnPropertyNames(err).filter(k => !ERROR_HIDDEN_KEYS.has(k))
  const name = err.name
  opts.truncate -= String(name).length
  let message = ''
  if (typeof err.message === 'string') {
    message = cutText(err.message, opts.truncate)
  } else {
    keys.unshift('message')
  }
  message = message ? `: ${message}` : ''
  opts.truncate -= message.length + 5
  if (opts.seen.includes(err)) {
    return '[Circular]'
  }
  opts.seen.push(err)
  const props = inspectItems(keys.map(k => [k, err[k]]), opts, inspectEntry)
  return `${name}${message}${props ? ` { ${props} }` : ''}`
}

function inspectArguments(args, opts) {
  if (args.length === 0) {
    return 'Arguments[]'
  }
  opts.truncate -= 13
  return `Arguments[ ${inspectItems(args, opts)} ]`
}

const TYPED_ARRAY_TAGS = new Set([
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array',
])

const INSPECT_BY_TYPE = {
  undefined: () => 'undefined',
  null: () => 'null',
  boolean: v => String(v),
  Boolean: v => String(v),
  number: inspectNumber,
  Number: inspectNumber,
  bigint: inspectBigInt,
  BigInt: inspectBigInt,
  string: inspectString,
  String: inspectString,
  function: inspectFunction,
  Function: inspectFunction,
  symbol: v => (v.description ? `Symbol(${v.description})` : 'Symbol()'),
  Symbol: v => (v.description ? `Symbol(${v.description})` : 'Symbol()'),
  Array: inspectArray,
  Date: inspectDate,
  Map: inspectMap,
  Set: inspectSet,
  RegExp: inspectRegExp,
  Promise: () => 'Promise{…}',
  WeakSet: () => 'WeakSet{…}',
  WeakMap: () => 'WeakMap{…}',
  Arguments: inspectArguments,
  Generator: () => '',
  DataView: () => '',
  ArrayBuffer: () => '',
  Error: inspectError,
}

const CHAI_INSPECT = Symbol.for('chai/inspect')

function inspectCustom(value, opts) {
  if (typeof value[CHAI_INSPECT] === 'function') {
    return value[CHAI_INSPECT](opts)
  }
  if (typeof value.inspect === 'function') {
    return value.inspect(opts.depth, opts)
  }
  return ''
}

// inspectValue prints one value with a copy of opts, as each nested call
// gets its own budget while sharing the list of objects being printed.
function inspectValue(value, parentOpts) {
  const opts = { truncate: parentOpts.truncate, depth: parentOpts.depth, seen: parentOpts.seen }
  let type = value === null ? 'null' : typeof value
  if (type === 'object') {
    type = Object.prototype.toString.call(value).slice(8, -1)
  }
  if (TYPED_ARRAY_TAGS.has(type)) {
    return inspectTypedArray(value, opts)
  }
  if (Object.hasOwn(INSPECT_BY_TYPE, type)) {
    return INSPECT_BY_TYPE[type](value, opts)
  }
  if (value) {
    const custom = inspectCustom(value, opts)
    if (custom) {
      return typeof custom === 'string' ? custom : inspectValue(custom, opts)
    }
  }
  const proto = value ? Object.getPrototypeOf(value) : false
  if (proto === Object.prototype || proto === null) {
    return inspectPlainObject(value, opts)
  }
  if ('constructor' in value) {
    return value.constructor !== Object ? inspectInstance(value, opts) : inspectPlainObject(value, opts)
  }
  return inspectPlainObject(value, opts)
}

// inspect prints value on one line within MESSAGE_WIDTH characters (pass
// truncate: Infinity for no limit).
function inspect(value, truncate = MESSAGE_WIDTH) {
  return inspectValue(value, { truncate, depth: 2, seen: [] })
}

// objDisplay is inspect with long arrays, objects and functions summarised.
function objDisplay(value) {
  const text = inspect(value)
  if (text.length < MESSAGE_WIDTH) {
    return text
  }
  const tag = Object.prototype.toString.call(value)
  if (tag === '[object Function]') {
    return value.name ? `[Function: ${value.name}]` : '[Function]'
  }
  if (tag === '[object Array]') {
    return `[ Array(${value.length}) ]`
  }
  if (tag === '[object Object]') {
    const keys = Object.keys(value)
    const shown = keys.length > 2 ? `${keys.slice(0, 2).join(', ')}, ...` : keys.join(', ')
    return `{ Object (${shown}) }`
  }
  return text
}
