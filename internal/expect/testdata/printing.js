// Printing cases: how values print in errors (format), in matcher messages
// (stringify, inspect, objDisplay) and in snapshots, and the diff of pairs.
// render(api) returns the text kept in printing.golden; vitest 4.1's own
// functions produce the same text.

class Point {
  constructor(x, y) {
    this.x = x
    this.y = y
  }
}

class Empty {}

function namedFunction() {}

const cyclic = { name: 'cycle' }
cyclic.self = cyclic

const sparse = [1, , 3]

const values = {
  'undefined': () => undefined,
  'null': () => null,
  'booleans': () => [true, false],
  'numbers': () => [0, -0, 1.5, -2, NaN, Infinity, -Infinity, 1e21],
  'bigint': () => 123n,
  'string': () => 'hello',
  'string with quotes': () => 'say "hi" and \'bye\' \\ `tick` ${x}',
  'string with newline': () => 'a\nb',
  'empty string': () => '',
  'symbol': () => Symbol('tag'),
  'symbol key': () => ({ [Symbol('k')]: 1, a: 2 }),
  'function': () => namedFunction,
  'arrow': () => () => 1,
  'class': () => Point,
  'object': () => ({ a: 1, b: 'two', c: [3], d: { e: null } }),
  'empty object': () => ({}),
  'empty array': () => [],
  'nested arrays': () => [[1, [2, [3, [4]]]]],
  'class instance': () => new Point(1, 2),
  'empty class instance': () => new Empty(),
  'null prototype': () => Object.assign(Object.create(null), { a: 1 }),
  'cycle': () => cyclic,
  'sparse array': () => sparse,
  'map': () => new Map([['a', 1], [{ k: 1 }, [2]]]),
  'empty map': () => new Map(),
  'set': () => new Set([1, 'two', { three: 3 }]),
  'date': () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)),
  'invalid date': () => new Date(NaN),
  'regexp': () => /a+(b)?\.c$/gi,
  'error': () => new Error('boom'),
  'type error': () => new TypeError('bad type'),
  'error with props': () => Object.assign(new Error('boom'), { code: 'E_X' }),
  'typed array': () => new Uint8Array([1, 2, 3]),
  'float array': () => new Float64Array([1.5, 2]),
  'array buffer': () => new Uint8Array([1, 255]).buffer,
  'data view': () => new DataView(new Uint8Array([1, 255]).buffer),
  'weak map': () => new WeakMap(),
  'promise': () => Promise.resolve(1),
  'arguments': () => (function () { return arguments })(1, 'a'),
  'long array': () => Array.from({ length: 30 }, (_, i) => i),
  'long object': () => ({ alpha: 1, beta: 2, gamma: 3, delta: 4, epsilon: 5, zeta: 6 }),
  'long string': () => 'x'.repeat(60),
  'toJSON': () => ({ toJSON: () => ({ json: true }) }),
  'asymmetric matchers': () => ({
    any: expect.any(Number),
    anything: expect.anything(),
    obj: expect.objectContaining({ a: 1 }),
    arr: expect.arrayContaining([1, 2]),
    str: expect.stringContaining('x'),
    re: expect.stringMatching(/^a/),
    close: expect.closeTo(1.5, 3),
    notObj: expect.not.objectContaining({ b: 2 }),
    notArr: expect.not.arrayContaining([3]),
    notStr: expect.not.stringContaining('y'),
    notRe: expect.not.stringMatching('z'),
  }),
  'any of a class': () => expect.any(Point),
  'mock function': () => {
    const f = vi.fn()
    f(1, 'a')
    return f
  },
  'named mock': () => vi.fn().mockName('myMock'),
  'deep nesting': () => ({ a: { b: { c: { d: { e: { f: { g: { h: { i: { j: { k: { l: 1 } } } } } } } } } } } }),
}

const diffs = {
  'numbers': () => [1, 2],
  'strings one line': () => ['hello world', 'hello there'],
  'strings multiline': () => ['a\nb\nc\nd', 'a\nB\nc\nd\ne'],
  'string and number': () => ['1', 1],
  'objects': () => [{ a: 1, b: 2 }, { a: 1, b: 3 }],
  'nested objects': () => [{ a: { b: [1, 2, 3] }, c: 'x' }, { a: { b: [1, 2] }, c: 'y' }],
  'arrays': () => [[1, 2, 3], [1, 3, 4]],
  'long arrays with context': () => [
    Array.from({ length: 30 }, (_, i) => i),
    Array.from({ length: 30 }, (_, i) => (i === 3 || i === 25 ? -i : i)),
  ],
  'maps': () => [new Map([['a', 1], ['b', 2]]), new Map([['b', 2], ['a', 3]])],
  'sets': () => [new Set([1, 2]), new Set([2, 3])],
  'class vs object': () => [{ x: 1, y: 2 }, new Point(1, 2)],
  'same serialization': () => [{ a: 1 }, { a: 1 }],
  'asymmetric matched': () => [{ id: expect.any(Number), name: 'a' }, { id: 7, name: 'b' }],
  'asymmetric unmatched': () => [{ id: expect.any(String), name: 'a' }, { id: 7, name: 'a' }],
  'object containing': () => [expect.objectContaining({ a: 1 }), { a: 2, b: 3 }],
  'errors': () => [new Error('a'), new Error('b')],
  'undefined vs null': () => [undefined, null],
  'array vs object': () => [[1], { 0: 1 }],
  'toJSON': () => [{ toJSON: () => 1 }, { toJSON: () => 1, x: 2 }],
  'dates': () => [new Date(0), new Date(1)],
  'trailing spaces': () => ['a ', 'b '],
  'empty vs text': () => ['', 'a'],
}

function render(api) {
  const out = []
  for (const [name, make] of Object.entries(values)) {
    const value = make()
    out.push(`## ${name}`)
    out.push('### format', api.format(value))
    out.push('### stringify', api.stringify(value))
    out.push('### inspect', api.inspect(value))
    out.push('### objDisplay', api.objDisplay(value))
    out.push('### snapshot', api.serializeSnapshot(value))
    out.push('')
  }
  for (const [name, make] of Object.entries(diffs)) {
    const [expected, actual] = make()
    out.push(`## diff: ${name}`, String(api.diff(expected, actual)), '')
  }
  return `${out.join('\n')}\n`
}
