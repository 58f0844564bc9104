// Mock function cases: each returns what a test would observe of vi.fn /
// vi.spyOn (calls, results, names, implementations, restore), or throws.
// Globals: expect, vi.

function summary(mock) {
  return {
    name: mock.getMockName(),
    calls: mock.mock.calls,
    results: mock.mock.results,
    lastCall: mock.mock.lastCall,
    instances: mock.mock.instances.length,
    contexts: mock.mock.contexts.length,
  }
}

class Counter {
  constructor(start) {
    this.count = start
  }

  increment(by = 1) {
    this.count += by
    return this.count
  }

  get double() {
    return this.count * 2
  }

  set value(v) {
    this.count = v
  }
}

const cases = {
  'fn records calls and results': () => {
    const f = vi.fn((a, b) => a + b)
    f(1, 2)
    f('x', 'y')
    return summary(f)
  },
  'fn without implementation': () => {
    const f = vi.fn()
    return [f(1), summary(f)]
  },
  'fn records throws': () => {
    const f = vi.fn(() => { throw new Error('boom') })
    try { f() } catch {}
    return f.mock.results.map(r => ({ type: r.type, message: r.value.message }))
  },
  'mockReturnValue and once': () => {
    const f = vi.fn().mockReturnValue('default').mockReturnValueOnce('first').mockReturnValueOnce('second')
    return [f(), f(), f(), f()]
  },
  'mockImplementation and once': () => {
    const f = vi.fn(() => 'orig')
    f.mockImplementationOnce(() => 'once')
    const a = f()
    const b = f()
    f.mockImplementation(() => 'new')
    return [a, b, f()]
  },
  'mockReturnThis': () => {
    const obj = { f: vi.fn().mockReturnThis() }
    return obj.f() === obj
  },
  'mockName': () => {
    const f = vi.fn().mockName('adder')
    return [f.getMockName(), vi.fn().getMockName()]
  },
  'mock length and name': () => {
    const f = vi.fn((a, b, c) => a)
    return [f.length, f.name, vi.fn().name]
  },
  'contexts and instances': () => {
    const f = vi.fn(function () { return this })
    const obj = { f }
    obj.f()
    f.call('ctx')
    return [f.mock.contexts[0] === obj, f.mock.contexts.length, f.mock.instances.length]
  },
  'new with class implementation': () => {
    const Ctor = vi.fn(class {
      constructor(x) {
        this.x = x
      }
    })
    const made = new Ctor(5)
    return [made.x, Ctor.mock.instances[0] === made, Ctor.mock.contexts[0] === made, Ctor.mock.calls]
  },
  'new with function implementation': () => {
    const Ctor = vi.fn(function (x) { this.x = x })
    const made = new Ctor(3)
    return [made.x, made instanceof Ctor]
  },
  'mockReturnValue with new': () => {
    const Ctor = vi.fn().mockReturnValue(1)
    try {
      new Ctor()
      return 'no error'
    } catch (e) {
      return e.message
    }
  },
  'mockClear': () => {
    const f = vi.fn(() => 1).mockName('x')
    f()
    f.mockClear()
    return [summary(f), f()]
  },
  'mockReset goes back to the fn implementation': () => {
    const f = vi.fn(() => 'impl').mockName('x')
    f.mockReturnValue('other')
    f()
    f.mockReset()
    return [f.getMockName(), f.mock.calls.length, f()]
  },
  'mockReset without implementation': () => {
    const f = vi.fn().mockReturnValue(1)
    f.mockReset()
    return f()
  },
  'getMockImplementation': () => {
    const impl = () => 1
    const f = vi.fn(impl)
    const once = () => 2
    f.mockImplementationOnce(once)
    return [f.getMockImplementation() === once, vi.fn().getMockImplementation()]
  },
  'withImplementation': () => {
    const f = vi.fn(() => 'orig')
    let inside
    f.withImplementation(() => 'temp', () => { inside = f() })
    return [inside, f()]
  },
  'withImplementation async': async () => {
    const f = vi.fn(() => 'orig')
    let inside
    await f.withImplementation(() => 'temp', async () => { inside = f() })
    return [inside, f()]
  },
  'mockResolvedValue and settledResults': async () => {
    const f = vi.fn().mockResolvedValueOnce('ok').mockRejectedValueOnce(new Error('no'))
    const a = await f()
    let b
    try { await f() } catch (e) { b = e.message }
    await null
    return [a, b, f.mock.settledResults.map(r => r.type), f.mock.results.map(r => r.type)]
  },
  'settledResults of plain values': () => {
    const f = vi.fn(() => 5)
    f()
    return f.mock.settledResults
  },
  'invocationCallOrder': () => {
    const a = vi.fn()
    const b = vi.fn()
    a()
    b()
    a()
    return [a.mock.invocationCallOrder[0] < b.mock.invocationCallOrder[0],
      b.mock.invocationCallOrder[0] < a.mock.invocationCallOrder[1]]
  },
  'fn of a mock returns it': () => {
    const f = vi.fn()
    return vi.fn(f) === f
  },
  'isMockFunction': () => [vi.isMockFunction(vi.fn()), vi.isMockFunction(() => {}), vi.isMockFunction(null)],
  'spyOn calls through': () => {
    const c = new Counter(1)
    const spy = vi.spyOn(c, 'increment')
    const r = c.increment(2)
    return [r, c.count, spy.getMockName(), spy.mock.calls, spy.mock.results]
  },
  'spyOn with implementation': () => {
    const c = new Counter(1)
    vi.spyOn(c, 'increment').mockImplementation(() => 100)
    return [c.increment(), c.count]
  },
  'spyOn restore on instance': () => {
    const c = new Counter(1)
    const spy = vi.spyOn(c, 'increment').mockReturnValue(0)
    spy.mockRestore()
    return [c.increment(), Object.hasOwn(c, 'increment'), vi.isMockFunction(c.increment)]
  },
  'spyOn restore own method': () => {
    const obj = { m: () => 'real' }
    const spy = vi.spyOn(obj, 'm').mockReturnValue('fake')
    const faked = obj.m()
    spy.mockRestore()
    return [faked, obj.m(), vi.isMockFunction(obj.m)]
  },
  'spyOn reset keeps calling original': () => {
    const obj = { m: () => 'real' }
    const spy = vi.spyOn(obj, 'm').mockReturnValue('fake').mockName('renamed')
    spy.mockReset()
    return [obj.m(), spy.getMockName(), vi.isMockFunction(obj.m)]
  },
  'spyOn twice returns the same spy': () => {
    const obj = { m: () => 1 }
    return vi.spyOn(obj, 'm') === vi.spyOn(obj, 'm')
  },
  'spyOn getter': () => {
    const c = new Counter(2)
    const spy = vi.spyOn(c, 'double', 'get').mockReturnValue(42)
    const v = c.double
    spy.mockRestore()
    return [v, c.double, spy.mock.calls.length]
  },
  'spyOn setter': () => {
    const c = new Counter(2)
    const spy = vi.spyOn(c, 'value', 'set')
    c.value = 9
    return [c.count, spy.mock.calls]
  },
  'spyOn getter of a value': () => {
    const obj = { v: 3 }
    const spy = vi.spyOn(obj, 'v', 'get').mockReturnValue(4)
    return [obj.v, spy.mock.calls.length]
  },
  'spyOn a class': () => {
    const ns = { Counter }
    const spy = vi.spyOn(ns, 'Counter')
    const c = new ns.Counter(7)
    return [c.count, c instanceof Counter, spy.mock.calls, spy.getMockName()]
  },
  'spyOn missing property': () => {
    try {
      vi.spyOn({}, 'nope')
    } catch (e) {
      return e.message
    }
  },
  'spyOn non function': () => {
    try {
      vi.spyOn({ a: 1 }, 'a')
    } catch (e) {
      return e.message
    }
  },
  'spyOn undefined': () => {
    try {
      vi.spyOn(undefined, 'a')
    } catch (e) {
      return e.message
    }
  },
  'spyOn primitive': () => {
    try {
      vi.spyOn(1, 'a')
    } catch (e) {
      return e.message
    }
  },
  'restoreAllMocks': () => {
    const obj = { a: () => 'a', b: () => 'b' }
    vi.spyOn(obj, 'a').mockReturnValue('x')
    vi.spyOn(obj, 'b').mockReturnValue('y')
    vi.restoreAllMocks()
    return [obj.a(), obj.b(), vi.isMockFunction(obj.a)]
  },
  'restoreAllMocks leaves vi.fn alone': () => {
    const f = vi.fn(() => 1).mockReturnValue(2)
    f()
    vi.restoreAllMocks()
    return [f(), f.mock.calls.length]
  },
  'clearAllMocks': () => {
    const f = vi.fn().mockReturnValue(2)
    f()
    vi.clearAllMocks()
    return [f.mock.calls.length, f()]
  },
  'resetAllMocks': () => {
    const f = vi.fn(() => 1).mockReturnValue(2)
    f()
    vi.resetAllMocks()
    return [f.mock.calls.length, f()]
  },
  'mocked is identity': () => {
    const obj = {}
    return vi.mocked(obj) === obj
  },
  'static properties are copied': () => {
    function original() {}
    original.helper = 'yes'
    const f = vi.fn(original)
    return f.helper
  },
  'mockThrow': () => {
    const f = vi.fn().mockThrowOnce(new Error('once')).mockThrow(new Error('always'))
    const messages = []
    for (let i = 0; i < 2; i++) {
      try { f() } catch (e) { messages.push(e.message) }
    }
    return messages
  },
}
