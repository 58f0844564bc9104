// Matcher cases: each runs one assertion (or returns a promise of one). The
// golden file holds, for each, whether it passed and the error it threw as
// vitest 4.1 reports it (message, actual, expected, diff, showDiff,
// operator). The same file can be run by vitest itself to check the golden.
// Globals: expect, vi.

class Point {
  constructor(x, y) {
    this.x = x
    this.y = y
  }
}

class CustomError extends Error {
  constructor(message) {
    super(message)
    this.name = 'CustomError'
  }
}

function named() {}

const cases = {
  'toBe/pass': () => expect(1).toBe(1),
  'toBe/numbers': () => expect(1).toBe(2),
  'toBe/zero': () => expect(0).toBe(-0),
  'toBe/not': () => expect(1).not.toBe(1),
  'toBe/strings': () => expect('hello').toBe('world'),
  'toBe/multiline strings': () => expect('a\nb\nc').toBe('a\nB\nc'),
  'toBe/deep equal hint': () => expect({ a: 1, b: [1, 2] }).toBe({ a: 1, b: [1, 2] }),
  'toBe/toEqual hint': () => expect({ a: 1, b: undefined }).toBe({ a: 1 }),
  'toBe/different objects': () => expect({ a: 1 }).toBe({ a: 2 }),
  'toBe/null vs undefined': () => expect(null).toBe(undefined),
  'toBe/long array': () => expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]).toBe([1]),
  'toBe/long object': () => expect({ alpha: 1, beta: 2, gamma: 3, delta: 4, epsilon: 5 }).toBe(1),
  'toBe/NaN': () => expect(NaN).toBe(NaN),
  'toBe/bigint': () => expect(10n).toBe(11n),
  'toBe/custom message': () => expect(1, 'custom').toBe(2),
  'toBe/type mismatch': () => expect('1').toBe(1),
  'toEqual/pass undefined props': () => expect({ a: 1, b: undefined }).toEqual({ a: 1 }),
  'toEqual/nested': () => expect({ a: { b: [1, 2, { c: 3 }] } }).toEqual({ a: { b: [1, 2, { c: 4 }] } }),
  'toEqual/not': () => expect([1, 2]).not.toEqual([1, 2]),
  'toEqual/class ignored': () => expect(new Point(1, 2)).toEqual({ x: 1, y: 2 }),
  'toEqual/map': () => expect(new Map([['a', 1]])).toEqual(new Map([['a', 2]])),
  'toEqual/map order': () => expect(new Map([['a', 1], ['b', 2]])).toEqual(new Map([['b', 2], ['a', 1]])),
  'toEqual/set': () => expect(new Set([1, 2])).toEqual(new Set([1, 3])),
  'toEqual/date': () => expect(new Date(0)).toEqual(new Date(1000)),
  'toEqual/regexp': () => expect(/a/g).toEqual(/a/i),
  'toEqual/typed array': () => expect(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 3])),
  'toEqual/errors': () => expect(new Error('a')).toEqual(new Error('b')),
  'toEqual/error cause': () => expect(new Error('a', { cause: 1 })).toEqual(new Error('a', { cause: 2 })),
  'toEqual/error same': () => expect(new TypeError('x')).toEqual(new TypeError('x')),
  'toEqual/error class': () => expect(new TypeError('x')).toEqual(new Error('x')),
  'toEqual/asymmetric': () => expect({ id: 1, name: 'x' }).toEqual({ id: expect.any(Number), name: 'x' }),
  'toEqual/asymmetric fail': () => expect({ id: 'a', name: 'x' }).toEqual({ id: expect.any(Number), name: 'y' }),
  'toEqual/cycles': () => {
    const a = { name: 'a' }
    a.self = a
    const b = { name: 'a' }
    b.self = b
    expect(a).toEqual(b)
  },
  'toEqual/symbol keys': () => expect({ [Symbol.for('k')]: 1 }).toEqual({ [Symbol.for('k')]: 2 }),
  'toEqual/long strings': () => expect('x'.repeat(50)).toEqual('y'.repeat(50)),
  'toEqual/array length': () => expect([1, 2, 3]).toEqual([1, 2]),
  'toEqual/sparse': () => expect([, 1]).toEqual([undefined, 1]),
  'toStrictEqual/undefined props': () => expect({ a: 1, b: undefined }).toStrictEqual({ a: 1 }),
  'toStrictEqual/class': () => expect(new Point(1, 2)).toStrictEqual({ x: 1, y: 2 }),
  'toStrictEqual/sparse': () => expect([, 1]).toStrictEqual([undefined, 1]),
  'toStrictEqual/pass': () => expect({ a: [1, { b: 2 }] }).toStrictEqual({ a: [1, { b: 2 }] }),
  'toStrictEqual/not': () => expect({ a: 1 }).not.toStrictEqual({ a: 1 }),
  'toMatchObject/pass': () => expect({ a: 1, b: 2, c: { d: 3 } }).toMatchObject({ a: 1, c: { d: 3 } }),
  'toMatchObject/fail': () => expect({ a: 1, b: 2, c: 3 }).toMatchObject({ a: 2 }),
  'toMatchObject/nested fail': () => expect({ a: 1, b: { c: 1, d: 2 } }).toMatchObject({ b: { c: 2 } }),
  'toMatchObject/array': () => expect([{ a: 1, b: 2 }]).toMatchObject([{ a: 2 }]),
  'toMatchObject/not': () => expect({ a: 1, b: 2 }).not.toMatchObject({ a: 1 }),
  'toBeTruthy': () => expect(0).toBeTruthy(),
  'toBeTruthy/not': () => expect(1).not.toBeTruthy(),
  'toBeFalsy': () => expect('x').toBeFalsy(),
  'toBeNull': () => expect(1).toBeNull(),
  'toBeNull/not': () => expect(null).not.toBeNull(),
  'toBeUndefined': () => expect(1).toBeUndefined(),
  'toBeDefined': () => expect(undefined).toBeDefined(),
  'toBeDefined/not': () => expect(1).not.toBeDefined(),
  'toBeNaN': () => expect(1).toBeNaN(),
  'toBeNullable': () => expect(0).toBeNullable(),
  'toBeGreaterThan': () => expect(1).toBeGreaterThan(2),
  'toBeGreaterThan/not': () => expect(3).not.toBeGreaterThan(2),
  'toBeGreaterThanOrEqual': () => expect(1).toBeGreaterThanOrEqual(2),
  'toBeLessThan': () => expect(3).toBeLessThan(2),
  'toBeLessThanOrEqual': () => expect(3).toBeLessThanOrEqual(2),
  'toBeLessThan/bigint': () => expect(3n).toBeLessThan(2n),
  'toBeGreaterThan/type': () => expect('1').toBeGreaterThan(2),
  'toBeCloseTo': () => expect(0.1 + 0.2).toBeCloseTo(0.3),
  'toBeCloseTo/fail': () => expect(0.1).toBeCloseTo(0.2),
  'toBeCloseTo/precision': () => expect(1.23).toBeCloseTo(1.2, 1),
  'toContain/array': () => expect([1, 2, 3]).toContain(4),
  'toContain/array pass': () => expect([1, 2, 3]).toContain(2),
  'toContain/string': () => expect('hello').toContain('x'),
  'toContain/string not': () => expect('hello').not.toContain('ell'),
  'toContain/set': () => expect(new Set(['a'])).toContain('b'),
  'toContain/objects': () => expect([{ a: 1 }]).toContain({ a: 1 }),
  'toContainEqual': () => expect([{ a: 1 }]).toContainEqual({ a: 2 }),
  'toContainEqual/pass': () => expect([{ a: 1 }]).toContainEqual({ a: 1 }),
  'toHaveLength': () => expect([1, 2]).toHaveLength(3),
  'toHaveLength/string': () => expect('abc').toHaveLength(2),
  'toHaveLength/not': () => expect([1]).not.toHaveLength(1),
  'toHaveLength/no length': () => expect({}).toHaveLength(1),
  'toHaveProperty': () => expect({ a: 1 }).toHaveProperty('b'),
  'toHaveProperty/path': () => expect({ a: { b: [1, { c: 2 }] } }).toHaveProperty('a.b[1].c', 2),
  'toHaveProperty/path fail': () => expect({ a: { b: [1, { c: 2 }] } }).toHaveProperty('a.b[1].c', 3),
  'toHaveProperty/array path': () => expect({ a: { 'b.c': 1 } }).toHaveProperty(['a', 'b.c'], 1),
  'toHaveProperty/not': () => expect({ a: 1 }).not.toHaveProperty('a'),
  'toHaveProperty/value': () => expect({ a: { x: 1 } }).toHaveProperty('a', { x: 2 }),
  'toMatch/regexp': () => expect('hello').toMatch(/x/),
  'toMatch/string': () => expect('hello').toMatch('x'),
  'toMatch/not': () => expect('hello').not.toMatch(/ell/),
  'toMatch/type': () => expect(1).toMatch(/1/),
  'toBeInstanceOf': () => expect({}).toBeInstanceOf(Point),
  'toBeInstanceOf/pass': () => expect(new Point(1, 2)).toBeInstanceOf(Point),
  'toBeInstanceOf/not': () => expect([]).not.toBeInstanceOf(Array),
  'toBeTypeOf': () => expect(1).toBeTypeOf('string'),
  'toBeTypeOf/not': () => expect('a').not.toBeTypeOf('string'),
  'toThrow/none thrown': () => expect(() => {}).toThrow(),
  'toThrow/named none thrown': () => expect(named).toThrow(),
  'toThrow/pass': () => expect(() => { throw new Error('boom') }).toThrow(),
  'toThrow/not': () => expect(() => { throw new Error('boom') }).not.toThrow(),
  'toThrow/substring': () => expect(() => { throw new Error('boom') }).toThrow('bang'),
  'toThrow/substring pass': () => expect(() => { throw new Error('big boom') }).toThrow('boom'),
  'toThrow/regexp': () => expect(() => { throw new Error('boom') }).toThrow(/bang/),
  'toThrow/not substring': () => expect(() => { throw new Error('boom') }).not.toThrow('boom'),
  'toThrow/class': () => expect(() => { throw new Error('boom') }).toThrow(TypeError),
  'toThrow/class pass': () => expect(() => { throw new CustomError('boom') }).toThrow(CustomError),
  'toThrow/instance': () => expect(() => { throw new Error('boom') }).toThrow(new Error('bang')),
  'toThrow/instance pass': () => expect(() => { throw new Error('boom') }).toThrow(new Error('boom')),
  'toThrow/asymmetric': () => expect(() => { throw new Error('boom') })
    .toThrow(expect.objectContaining({ message: 'bang' })),
  'toThrow/class not thrown': () => expect(() => {}).toThrow(TypeError),
  'toThrowError/empty string': () => expect(() => { throw new Error('x') }).toThrowError(''),
  'toThrow/not a function': () => expect(1).toThrow(),
  'toThrow/string thrown': () => expect(() => { throw 'oops' }).toThrow('nope'),
  'toSatisfy': () => expect(1).toSatisfy(x => x > 1),
  'toSatisfy/message': () => expect(1).toSatisfy(x => x > 1, 'greater than one'),
  'toSatisfy/not': () => expect(2).not.toSatisfy(x => x > 1),
  'toBeOneOf': () => expect(3).toBeOneOf([1, 2]),
  'toBeOneOf/pass': () => expect({ a: 1 }).toBeOneOf([{ a: 1 }]),
  'asymmetric/anything': () => expect({ a: null }).toEqual({ a: expect.anything() }),
  'asymmetric/objectContaining': () => expect({ a: 1, b: 2 }).toEqual(expect.objectContaining({ a: 2 })),
  'asymmetric/arrayContaining': () => expect([1, 2]).toEqual(expect.arrayContaining([3])),
  'asymmetric/stringContaining': () => expect('abc').toEqual(expect.stringContaining('x')),
  'asymmetric/stringMatching': () => expect({ s: 'abc' }).toEqual({ s: expect.stringMatching(/^x/) }),
  'asymmetric/closeTo': () => expect({ n: 1.5 }).toEqual({ n: expect.closeTo(1, 1) }),
  'asymmetric/not objectContaining': () => expect({ a: 1 }).toEqual(expect.not.objectContaining({ a: 1 })),
  'asymmetric/not arrayContaining': () => expect([1]).toEqual(expect.not.arrayContaining([1])),
  'asymmetric/not stringContaining': () => expect('ab').toEqual(expect.not.stringContaining('a')),
  'asymmetric/nested print': () => expect({ a: 1 }).toEqual({
    a: expect.any(String), b: expect.objectContaining({ c: expect.arrayContaining([1]) }),
  }),
  'asymmetric/pass': () => expect({ a: 'x', b: [1, 2], c: 1.001 }).toEqual({
    a: expect.any(String), b: expect.arrayContaining([2]), c: expect.closeTo(1),
  }),
  'mock/toHaveBeenCalled': () => expect(vi.fn()).toHaveBeenCalled(),
  'mock/toHaveBeenCalled named': () => expect(vi.fn().mockName('spy')).toHaveBeenCalled(),
  'mock/not toHaveBeenCalled': () => {
    const f = vi.fn()
    f(1, 'a')
    f({ b: 2 })
    expect(f).not.toHaveBeenCalled()
  },
  'mock/toHaveBeenCalledTimes': () => {
    const f = vi.fn()
    f()
    expect(f).toHaveBeenCalledTimes(2)
  },
  'mock/toBeCalledTimes not': () => {
    const f = vi.fn()
    f()
    expect(f).not.toBeCalledTimes(1)
  },
  'mock/toHaveBeenCalledOnce': () => expect(vi.fn()).toHaveBeenCalledOnce(),
  'mock/toHaveBeenCalledWith': () => {
    const f = vi.fn()
    f(1, { a: 2 })
    f('x')
    expect(f).toHaveBeenCalledWith(1, { a: 3 })
  },
  'mock/toHaveBeenCalledWith never called': () => expect(vi.fn()).toHaveBeenCalledWith(1),
  'mock/toHaveBeenCalledWith pass': () => {
    const f = vi.fn()
    f(1, { a: 2 })
    expect(f).toBeCalledWith(expect.any(Number), { a: 2 })
  },
  'mock/not toHaveBeenCalledWith': () => {
    const f = vi.fn()
    f(1)
    expect(f).not.toHaveBeenCalledWith(1)
  },
  'mock/toHaveBeenCalledExactlyOnceWith': () => {
    const f = vi.fn()
    f(1)
    f(1)
    expect(f).toHaveBeenCalledExactlyOnceWith(1)
  },
  'mock/toHaveBeenLastCalledWith': () => {
    const f = vi.fn()
    f(1)
    f(2)
    expect(f).toHaveBeenLastCalledWith(1)
  },
  'mock/lastCalledWith': () => {
    const f = vi.fn()
    f(1)
    expect(f).lastCalledWith(2)
  },
  'mock/toHaveBeenNthCalledWith': () => {
    const f = vi.fn()
    f(1)
    f(2)
    expect(f).toHaveBeenNthCalledWith(1, 2)
  },
  'mock/toHaveBeenNthCalledWith too few': () => {
    const f = vi.fn()
    f(1)
    expect(f).toHaveBeenNthCalledWith(3, 1)
  },
  'mock/nthCalledWith pass': () => {
    const f = vi.fn()
    f(1)
    f(2)
    expect(f).nthCalledWith(2, 2)
  },
  'mock/toHaveReturned': () => {
    const f = vi.fn(() => { throw new Error('x') })
    try { f() } catch {}
    expect(f).toHaveReturned()
  },
  'mock/toReturn not': () => {
    const f = vi.fn(() => 1)
    f()
    expect(f).not.toReturn()
  },
  'mock/toHaveReturnedTimes': () => {
    const f = vi.fn(() => 1)
    f()
    expect(f).toHaveReturnedTimes(2)
  },
  'mock/toHaveReturnedWith': () => {
    const f = vi.fn(x => x * 2)
    f(1)
    f(2)
    expect(f).toHaveReturnedWith(3)
  },
  'mock/toHaveReturnedWith pass': () => {
    const f = vi.fn(x => ({ v: x }))
    f(1)
    expect(f).toReturnWith({ v: 1 })
  },
  'mock/toHaveLastReturnedWith': () => {
    const f = vi.fn(x => x)
    f(1)
    f(2)
    expect(f).toHaveLastReturnedWith(1)
  },
  'mock/toHaveNthReturnedWith': () => {
    const f = vi.fn(x => x)
    f(1)
    f(2)
    expect(f).toHaveNthReturnedWith(2, 1)
  },
  'mock/not a spy': () => expect(() => {}).toHaveBeenCalled(),
  'mock/not a spy object': () => expect({ a: 1 }).toHaveBeenCalledWith(1),
  'mock/spyOn name': () => {
    const obj = { method() { return 1 } }
    const spy = vi.spyOn(obj, 'method')
    expect(spy).toHaveBeenCalledTimes(1)
  },
  'unreachable': () => expect.unreachable(),
  'unreachable/message': () => expect.unreachable('here'),
  'resolves/pass': () => expect(Promise.resolve(1)).resolves.toBe(1),
  'resolves/fail': () => expect(Promise.resolve(1)).resolves.toBe(2),
  'resolves/rejected': () => expect(Promise.reject(new Error('boom'))).resolves.toBe(1),
  'resolves/not a promise': () => expect(1).resolves.toBe(1),
  'resolves/not': () => expect(Promise.resolve(1)).resolves.not.toBe(1),
  'rejects/pass': () => expect(Promise.reject(new Error('boom'))).rejects.toThrow('boom'),
  'rejects/toThrow fail': () => expect(Promise.reject(new Error('boom'))).rejects.toThrow('bang'),
  'rejects/resolved': () => expect(Promise.resolve(1)).rejects.toThrow(),
  'rejects/toEqual': () => expect(Promise.reject(new Error('boom'))).rejects.toEqual(new Error('bang')),
  'rejects/class': () => expect(Promise.reject(new TypeError('boom'))).rejects.toThrow(TypeError),
  'rejects/function': () => expect(() => Promise.reject(new Error('boom'))).rejects.toThrowError(/bo/),
  'rejects/not a promise': () => expect(1).rejects.toThrow(),
  'resolves/toThrow': () => expect(Promise.resolve(1)).resolves.toThrow(),
}

expect.extend({
  toBeFoo(received) {
    const { printReceived, matcherHint } = this.utils
    return {
      pass: received === 'foo',
      message: () => `${matcherHint('toBeFoo', undefined, '', { isNot: this.isNot })}\n\n`
        + `Received: ${printReceived(received)} (isNot: ${this.isNot}, promise: '${this.promise}')`,
    }
  },
  toEqualWithDiff(received, expected) {
    return {
      pass: this.equals(received, expected),
      message: () => 'values differ',
      actual: received,
      expected,
    }
  },
  async toResolveLater(received) {
    await null
    return { pass: received === 1, message: () => `async matcher got ${received}` }
  },
})

Object.assign(cases, {
  'extend/pass': () => expect('foo').toBeFoo(),
  'extend/fail': () => expect('bar').toBeFoo(),
  'extend/not': () => expect('foo').not.toBeFoo(),
  'extend/custom message': () => expect('bar', 'why').toBeFoo(),
  'extend/resolves': () => expect(Promise.resolve('bar')).resolves.toBeFoo(),
  'extend/diff': () => expect({ a: 1 }).toEqualWithDiff({ a: 2 }),
  'extend/async': () => expect(2).toResolveLater(),
  'extend/asymmetric pass': () => expect({ a: 'foo' }).toEqual({ a: expect.toBeFoo() }),
  'extend/asymmetric fail': () => expect({ a: 'bar' }).toEqual({ a: expect.toBeFoo() }),
  'extend/asymmetric not': () => expect({ a: 'foo' }).toEqual({ a: expect.not.toBeFoo() }),
  'toSatisfy/asymmetric': () => expect({ n: 1 }).toEqual({ n: expect.toSatisfy(x => x > 5) }),
  'toBeOneOf/asymmetric': () => expect({ n: 1 }).toEqual({ n: expect.toBeOneOf([2, 3]) }),
  'toBeOneOf/set': () => expect(1).toBeOneOf(new Set([2])),
  'toBeOneOf/not': () => expect(1).not.toBeOneOf([1]),
  'soft/records and goes on': () => {
    expect.soft(1).toBe(2)
  },
  'chai style/called': () => {
    const f = vi.fn()
    expect(f).called
  },
  'chai style/calledWith': () => {
    const f = vi.fn()
    f(1)
    expect(f).calledWith(2)
  },
  'chai style/to be chains': () => expect(1).to.be.toBe(1),
  'toHaveBeenCalledBefore': () => {
    const a = vi.fn()
    const b = vi.fn()
    b()
    a()
    expect(a).toHaveBeenCalledBefore(b)
  },
  'toHaveBeenCalledAfter/pass': () => {
    const a = vi.fn()
    const b = vi.fn()
    b()
    a()
    expect(a).toHaveBeenCalledAfter(b)
  },
  'toHaveResolved': async () => {
    const f = vi.fn(async () => { throw new Error('x') })
    await f().catch(() => {})
    expect(f).toHaveResolved()
  },
  'toHaveResolvedWith': async () => {
    const f = vi.fn(async x => x)
    await f(1)
    expect(f).toHaveResolvedWith(2)
  },
  'toHaveResolvedTimes': async () => {
    const f = vi.fn(async x => x)
    await f(1)
    expect(f).toHaveResolvedTimes(2)
  },
  'toHaveLastResolvedWith': async () => {
    const f = vi.fn(async x => x)
    await f(1)
    expect(f).toHaveLastResolvedWith(2)
  },
  'toHaveNthResolvedWith': async () => {
    const f = vi.fn(async x => x)
    await f(1)
    expect(f).toHaveNthResolvedWith(1, 2)
  },
  'toEqual/getters': () => {
    const a = { get v() { return 1 } }
    expect(a).toEqual({ v: 2 })
  },
  'toEqual/non-enumerable ignored': () => {
    const a = {}
    Object.defineProperty(a, 'hidden', { value: 1, enumerable: false })
    expect(a).toEqual({})
  },
  'toEqual/array buffer': () => expect(new Uint8Array([1]).buffer).toEqual(new Uint8Array([2]).buffer),
  'toStrictEqual/array buffer': () => expect(new Uint8Array([1]).buffer).toStrictEqual(new Uint8Array([2]).buffer),
  'toEqual/data view': () => expect(new DataView(new ArrayBuffer(2))).toEqual(new DataView(new ArrayBuffer(3))),
  'toEqual/boxed': () => expect(new Number(1)).toEqual(1),
  'toEqual/aggregate errors': () => expect(new AggregateError([new Error('a')], 'm'))
    .toEqual(new AggregateError([new Error('b')], 'm')),
  'toEqual/set of objects': () => expect(new Set([{ a: 1 }, { b: 2 }])).toEqual(new Set([{ b: 2 }, { a: 1 }])),
  'toEqual/nested map': () => expect(new Map([[{ k: 1 }, new Set([1])]])).toEqual(new Map([[{ k: 1 }, new Set([2])]])),
  'toEqual/-0': () => expect({ a: -0 }).toEqual({ a: 0 }),
  'toStrictEqual/-0': () => expect([-0]).toStrictEqual([0]),
  'toEqual/NaN': () => expect([NaN]).toEqual([NaN]),
  'toEqual/URL-like class instances': () => expect(new Point(1, 2)).toEqual(new Point(1, 3)),
  'toMatchObject/class': () => expect(new Point(1, 2)).toMatchObject({ x: 2 }),
  'toMatchObject/errors': () => expect(new Error('boom')).toMatchObject({ message: 'bang' }),
  'toMatchObject/array length': () => expect([1, 2]).toMatchObject([1]),
  'toContain/typed': () => expect(new Uint8Array([1, 2])).toContain(3),
  'toContain/null': () => expect(null).toContain(1),
  'toHaveProperty/undefined value': () => expect({ a: undefined }).toHaveProperty('a', undefined),
  'toHaveProperty/inherited': () => expect(new Point(1, 2)).toHaveProperty('constructor'),
  'toThrow/asymmetric any': () => expect(() => { throw new TypeError('x') }).toThrow(expect.any(RangeError)),
  'toThrow/error with cause': () => expect(() => { throw new Error('x', { cause: 'c' }) })
    .toThrow(new Error('x', { cause: 'd' })),
  'toThrow/plain object thrown': () => expect(() => { throw { code: 1 } }).toThrow({ code: 2 }),
  'toThrowError/not class': () => expect(() => { throw new TypeError('x') }).not.toThrowError(TypeError),
  'toThrow/not regexp': () => expect(() => { throw new Error('boom') }).not.toThrow(/oo/),
  'toThrow/not instance': () => expect(() => { throw new Error('boom') }).not.toThrow(new Error('boom')),
  'toBeInstanceOf/not a constructor': () => expect({}).toBeInstanceOf({}),
  'toBeInstanceOf/anonymous': () => expect({}).toBeInstanceOf(class {}),
  'toHaveLength/map': () => expect(new Map([[1, 1]])).toHaveLength(2),
})

Object.assign(cases, {
  'chai/equal': () => expect(1).to.equal(2),
  'chai/not equal': () => expect(1).to.not.equal(1),
  'chai/equal objects': () => expect({ a: 1 }).to.equal({ a: 1 }),
  'chai/deep equal': () => expect({ a: 1 }).to.deep.equal({ a: 2 }),
  'chai/deep equal pass': () => expect({ a: [1] }).to.deep.equal({ a: [1] }),
  'chai/eql': () => expect([1, 2]).to.eql([1, 3]),
  'chai/true': () => expect(1).to.be.true,
  'chai/not true': () => expect(true).to.not.be.true,
  'chai/false': () => expect(0).to.be.false,
  'chai/ok': () => expect(0).to.be.ok,
  'chai/null': () => expect(1).to.be.null,
  'chai/undefined': () => expect(1).to.be.undefined,
  'chai/exist': () => expect(null).to.exist,
  'chai/empty': () => expect([1]).to.be.empty,
  'chai/empty object pass': () => expect({}).to.be.empty,
  'chai/above': () => expect(1).to.be.above(2),
  'chai/at least': () => expect(1).to.be.at.least(2),
  'chai/below': () => expect(3).to.be.below(2),
  'chai/at most': () => expect(3).to.be.at.most(2),
  'chai/not above': () => expect(3).to.not.be.above(2),
  'chai/above bad arg': () => expect(1).to.be.above('2'),
  'chai/above bad target': () => expect('1').to.be.above(2),
  'chai/a': () => expect(1).to.be.a('string'),
  'chai/an': () => expect(1).to.be.an('array'),
  'chai/a function': () => expect(async () => {}).to.be.a('function'),
  'chai/instanceOf': () => expect([]).to.be.instanceOf(Map),
  'chai/include': () => expect([1, 2]).to.include(3),
  'chai/contain string': () => expect('abc').to.contain('x'),
  'chai/deep include': () => expect([{ a: 1 }]).to.deep.include({ a: 2 }),
  'chai/lengthOf': () => expect([1]).to.have.lengthOf(2),
  'chai/length': () => expect('ab').to.have.length(3),
  'chai/property': () => expect({ a: 1 }).to.have.property('b'),
  'chai/property value': () => expect({ a: 1 }).to.have.property('a', 2),
  'chai/match': () => expect('abc').to.match(/x/),
  'chai/string': () => expect('abc').to.have.string('x'),
  'chai/throw': () => expect(() => {}).to.throw(),
  'chai/throw message': () => expect(() => { throw new Error('a') }).to.throw('b'),
})

// Custom testers stay installed, so these cases come last.
Object.assign(cases, {
  'addEqualityTesters': () => {
    expect.addEqualityTesters([function (a, b) {
      if (typeof a === 'string' && typeof b === 'string') {
        return a.toLowerCase() === b.toLowerCase()
      }
      return undefined
    }])
    expect({ s: 'ABC', n: [1] }).toEqual({ s: 'abc', n: [1] })
  },
  'addEqualityTesters/fail': () => expect({ s: 'ABC' }).toEqual({ s: 'abd' }),
  'addEqualityTesters/toBe hint': () => expect('ABC').toBe('abc'),
  'addEqualityTesters/not an array': () => expect.addEqualityTesters(1),
})
