// diff.js: vitest's diff text without colors. Two values are printed with
// pretty-format and compared line by line; the result starts with the
// `- Expected` / `+ Received` header, then each line is prefixed with `-`
// (only in expected), `+` (only in received) or two spaces, keeping five
// lines of context around changes and marking skipped parts with `@@` lines.
//
// Known differences from vitest: lines are aligned with the classic Myers
// algorithm, while vitest uses jest's diff-sequences (a linear-space variant
// with its own tie-breaking); where several alignments are equally short,
// as with many repeated lines, the two may pick different ones (random
// object and snapshot diffs compared identical in thousands of trials).
// Two multi-line strings are diffed line by line, where vitest diffs them
// character by character and then regroups the lines; without colors the
// output only differs in such ambiguous alignments too.

const DIFF_DELETE = -1
const DIFF_INSERT = 1
const DIFF_EQUAL = 0
const NO_DIFF_MESSAGE = 'Compared values have no visual difference.'
const SIMILAR_MESSAGE = 'Compared values serialize to the same structure.\n'
  + 'Printing internal object structure without calling `toJSON` instead.'
const DIFF_CONTEXT_LINES = 5

// commonRuns finds a longest common subsequence of two sequences with
// Myers' O(ND) algorithm and reports it as runs of common items:
// found(length, aStart, bStart), in order.
function commonRuns(aLength, bLength, same, found) {
  const max = aLength + bLength
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace = []
  let done = max === 0
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) {
        x = v[offset + k + 1]
      } else {
        x = v[offset + k - 1] + 1
      }
      let y = x - k
      while (x < aLength && y < bLength && same(x, y)) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= aLength && y >= bLength) {
        done = true
        break
      }
    }
  }
  emitRuns(trace, offset, aLength, bLength, found)
}

// emitRuns walks the Myers trace back from the end and reports the common
// diagonals from the start.
function emitRuns(trace, offset, aLength, bLength, found) {
  const runs = []
  let x = aLength
  let y = bLength
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const v = trace[d]
    const k = x - y
    let prevK
    if (d === 0) {
      prevK = k
    } else if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) {
      prevK = k + 1
    } else {
      prevK = k - 1
    }
    const prevX = d === 0 ? 0 : v[offset + prevK]
    const prevY = prevX - prevK
    const startX = d === 0 ? 0 : (prevK === k + 1 ? prevX : prevX + 1)
    const snake = x - startX
    if (snake > 0) {
      runs.push([snake, startX, startX - k])
    }
    x = prevX
    y = prevY
  }
  for (let i = runs.length - 1; i >= 0; i--) {
    found(runs[i][0], runs[i][1], runs[i][2])
  }
}

// diffLinesRaw lists the lines of both sides as equal, deleted (only in a)
// or inserted (only in b); in each change, deletions come first.
function diffLinesRaw(aLines, bLines) {
  const diffs = []
  let ai = 0
  let bi = 0
  commonRuns(aLines.length, bLines.length, (i, j) => aLines[i] === bLines[j], (n, aStart, bStart) => {
    for (; ai !== aStart; ai++) {
      diffs.push([DIFF_DELETE, aLines[ai]])
    }
    for (; bi !== bStart; bi++) {
      diffs.push([DIFF_INSERT, bLines[bi]])
    }
    for (; n !== 0; n--, ai++, bi++) {
      diffs.push([DIFF_EQUAL, bLines[bi]])
    }
  })
  for (; ai !== aLines.length; ai++) {
    diffs.push([DIFF_DELETE, aLines[ai]])
  }
  for (; bi !== bLines.length; bi++) {
    diffs.push([DIFF_INSERT, bLines[bi]])
  }
  return diffs
}

function diffOptions(options = {}) {
  return {
    aAnnotation: 'Expected',
    aIndicator: '-',
    bAnnotation: 'Received',
    bIndicator: '+',
    commonIndicator: ' ',
    contextLines: DIFF_CONTEXT_LINES,
    expand: false,
    includeChangeCounts: false,
    omitAnnotationLines: false,
    printBasicPrototype: false,
    ...options,
  }
}

function printHeader(opts, diffs) {
  if (opts.omitAnnotationLines) {
    return ''
  }
  let aRest = ''
  let bRest = ''
  if (opts.includeChangeCounts) {
    const aCount = String(diffs.filter(d => d[0] === DIFF_DELETE).length)
    const bCount = String(diffs.filter(d => d[0] === DIFF_INSERT).length)
    const nameGap = opts.bAnnotation.length - opts.aAnnotation.length
    const countGap = bCount.length - aCount.length
    aRest = `${' '.repeat(Math.max(0, nameGap))}  ${opts.aIndicator} ${' '.repeat(Math.max(0, countGap))}${aCount}`
    bRest = `${' '.repeat(Math.max(0, -nameGap))}  ${opts.bIndicator} ${' '.repeat(Math.max(0, -countGap))}${bCount}`
  }
  return `${opts.aIndicator} ${opts.aAnnotation}${aRest}\n${opts.bIndicator} ${opts.bAnnotation}${bRest}\n\n`
}

function printLine(line, indicator) {
  if (line.length !== 0) {
    return `${indicator} ${line}`
  }
  return indicator !== ' ' ? indicator : ''
}

function printDiffLines(diffs, opts) {
  return printHeader(opts, diffs) + (opts.expand ? joinExpanded(diffs, opts) : joinWithContext(diffs, opts))
}

function indicatorFor(op, opts) {
  if (op === DIFF_DELETE) {
    return opts.aIndicator
  }
  return op === DIFF_INSERT ? opts.bIndicator : opts.commonIndicator
}

function joinExpanded(diffs, opts) {
  return diffs.map(([op, line]) => printLine(line, indicatorFor(op, opts))).join('\n')
}

// joinWithContext keeps contextLines common lines around each change and
// replaces longer common stretches with `@@ -a,n +b,m @@` hunk headers.
function joinWithContext(diffs, opts) {
  const context = opts.contextLines
  const hunks = []
  let hunk = null
  let aLine = 0
  let bLine = 0
  const changed = diffs.map(d => d[0] !== DIFF_EQUAL)
  const keep = diffs.map((d, i) => {
    if (changed[i]) {
      return true
    }
    for (let j = Math.max(0, i - context); j <= Math.min(diffs.length - 1, i + context); j++) {
      if (changed[j]) {
        return true
      }
    }
    return false
  })
  diffs.forEach(([op, line], i) => {
    if (keep[i]) {
      if (hunk === null) {
        hunk = { aStart: aLine, bStart: bLine, aCount: 0, bCount: 0, lines: [] }
        hunks.push(hunk)
      }
      hunk.lines.push(printLine(line, indicatorFor(op, opts)))
      hunk.aCount += op !== DIFF_INSERT ? 1 : 0
      hunk.bCount += op !== DIFF_DELETE ? 1 : 0
    } else {
      hunk = null
    }
    aLine += op !== DIFF_INSERT ? 1 : 0
    bLine += op !== DIFF_DELETE ? 1 : 0
  })
  if (hunks.length === 0) {
    return ''
  }
  const whole = hunks.length === 1 && hunks[0].lines.length === diffs.length
  if (whole) {
    return hunks[0].lines.join('\n')
  }
  return hunks.map(h =>
    [`@@ -${h.aStart + 1},${h.aCount} +${h.bStart + 1},${h.bCount} @@`, ...h.lines].join('\n'),
  ).join('\n')
}

function splitLines(text) {
  return text === '' ? [] : text.split('\n')
}

// diffLinesUnified diffs two lists of lines.
function diffLinesUnified(aLines, bLines, options) {
  const opts = diffOptions(options)
  const a = aLines.length === 1 && aLines[0] === '' ? [] : aLines
  const b = bLines.length === 1 && bLines[0] === '' ? [] : bLines
  return printDiffLines(diffLinesRaw(a, b), opts)
}

// diffLinesUnified2 compares the "compare" lines (printed without indent)
// but shows the "display" lines, so that a change of nesting alone does not
// show as a change.
function diffLinesUnified2(aDisplay, bDisplay, aCompare, bCompare, options) {
  if (aDisplay.length !== aCompare.length || bDisplay.length !== bCompare.length) {
    return diffLinesUnified(aDisplay, bDisplay, options)
  }
  const diffs = diffLinesRaw(aCompare, bCompare)
  let ai = 0
  let bi = 0
  for (const d of diffs) {
    if (d[0] === DIFF_DELETE) {
      d[1] = aDisplay[ai++]
    } else if (d[0] === DIFF_INSERT) {
      d[1] = bDisplay[bi++]
    } else {
      d[1] = bDisplay[bi++]
      ai++
    }
  }
  return printDiffLines(diffs, diffOptions(options))
}

// valueKind is the type diff uses to decide whether two values can be
// compared line by line.
function valueKind(value) {
  if (value === undefined) {
    return 'undefined'
  }
  if (value === null) {
    return 'null'
  }
  if (Array.isArray(value)) {
    return 'array'
  }
  const t = typeof value
  if (t !== 'object') {
    return t
  }
  switch (value.constructor) {
    case RegExp: return 'regexp'
    case Map: return 'map'
    case Set: return 'set'
    case Date: return 'date'
  }
  return 'object'
}

function sortedMap(map) {
  return new Map([...map.entries()].sort())
}

function sortedSet(set) {
  return new Set([...set.values()].sort())
}

// diff returns the diff of expected (a) and received (b), '' when they are
// the same, or undefined when no diff makes sense.
function diff(a, b, options, memory = {}) {
  if (Object.is(a, b)) {
    return ''
  }
  const aKind = valueKind(a)
  let expectedKind = aKind
  let omitDifference = false
  if (aKind === 'object' && typeof a.asymmetricMatch === 'function') {
    if (a.$$typeof !== ASYMMETRIC_TAG || typeof a.getExpectedType !== 'function') {
      return undefined
    }
    expectedKind = a.getExpectedType()
    omitDifference = expectedKind === 'string'
  }
  if (expectedKind !== valueKind(b)) {
    const opts = diffOptions(options)
    const cut = s => (s.length <= 100000 ? s : `${s.slice(0, 100000)}...`)
    const aText = memory.expected = cut(formatForDiff(a, true))
    const bText = memory.actual = cut(formatForDiff(b, true))
    return `${opts.aIndicator} ${opts.aAnnotation}:\n${aText}\n\n${opts.bIndicator} ${opts.bAnnotation}:\n${bText}`
  }
  if (omitDifference) {
    return undefined
  }
  switch (aKind) {
    case 'string':
      return diffLinesUnified(a.split('\n'), b.split('\n'), options)
    case 'boolean':
    case 'number':
      return comparePrimitives(a, b, options, memory)
    case 'map':
      return compareObjects(sortedMap(a), sortedMap(b), options, memory)
    case 'set':
      return compareObjects(sortedSet(a), sortedSet(b), options, memory)
    default:
      return compareObjects(a, b, options, memory)
  }
}

function comparePrimitives(a, b, options, memory) {
  const aText = memory.expected = prettyFormat(a, { maxDepth: 20, plugins: DIFF_PLUGINS })
  const bText = memory.actual = prettyFormat(b, { maxDepth: 20, plugins: DIFF_PLUGINS })
  return aText === bText ? '' : diffLinesUnified(aText.split('\n'), bText.split('\n'), options)
}

function objectsDifference(a, b, fallback, options, memory) {
  const base = fallback
    ? { callToJSON: false, maxDepth: 8, plugins: DIFF_PLUGINS, printBasicPrototype: false }
    : { maxDepth: 20, plugins: DIFF_PLUGINS, printBasicPrototype: false }
  const aCompare = prettyFormat(a, { ...base, indent: 0 })
  const bCompare = prettyFormat(b, { ...base, indent: 0 })
  if (aCompare === bCompare) {
    return NO_DIFF_MESSAGE
  }
  memory.expected = prettyFormat(a, base)
  memory.actual = prettyFormat(b, base)
  return diffLinesUnified2(
    splitLines(memory.expected), splitLines(memory.actual),
    splitLines(aCompare), splitLines(bCompare), options)
}

function compareObjects(a, b, options, memory) {
  let difference
  let threw = false
  try {
    difference = objectsDifference(a, b, false, options, memory)
  } catch {
    threw = true
  }
  if (difference === undefined || difference === NO_DIFF_MESSAGE) {
    difference = objectsDifference(a, b, true, options, memory)
    if (difference !== NO_DIFF_MESSAGE && !threw) {
      difference = `${SIMILAR_MESSAGE}\n\n${difference}`
    }
  }
  return difference
}

function simpleType(value) {
  return Object.prototype.toString.call(value).slice(8, -1)
}

function ownKeys(obj) {
  if (obj === Object.prototype || obj === Function.prototype || obj === RegExp.prototype) {
    return []
  }
  return [...new Set([...Object.getOwnPropertyNames(obj), ...Object.getOwnPropertySymbols(obj)])]
}

// cloneWritable copies plain objects and arrays deeply with writable
// properties, so that matched asymmetric matchers can be replaced in them.
function cloneWritable(value, seen = new WeakMap()) {
  if (seen.has(value)) {
    return seen.get(value)
  }
  if (Array.isArray(value)) {
    const out = Array.from({ length: value.length })
    seen.set(value, out)
    for (let i = value.length - 1; i >= 0; i--) {
      out[i] = cloneWritable(value[i], seen)
    }
    return out
  }
  if (simpleType(value) === 'Object') {
    const out = Object.create(Object.getPrototypeOf(value))
    seen.set(value, out)
    for (const key of ownKeys(value)) {
      const desc = Object.getOwnPropertyDescriptor(value, key)
      if (desc) {
        Object.defineProperty(out, key, {
          enumerable: desc.enumerable, configurable: true, writable: true,
          value: cloneWritable(value[key], seen),
        })
      }
    }
    return out
  }
  return value
}

function isMatcherObject(value) {
  return simpleType(value) === 'Object' && typeof value.asymmetricMatch === 'function'
}

function replaceable(a, b) {
  const t = simpleType(a)
  return t === simpleType(b) && (t === 'Object' || t === 'Array')
}

// replaceMatchers replaces asymmetric matchers that match by the value they
// matched, so that the diff shows only real differences.
function replaceMatchers(actual, expected, seenA = new WeakSet(), seenE = new WeakSet()) {
  if (actual instanceof Error && expected instanceof Error
    && typeof actual.cause !== 'undefined' && typeof expected.cause === 'undefined') {
    delete actual.cause
    return [actual, expected]
  }
  if (!replaceable(actual, expected) || seenA.has(actual) || seenE.has(expected)) {
    return [actual, expected]
  }
  seenA.add(actual)
  seenE.add(expected)
  for (const key of ownKeys(expected)) {
    const e = expected[key]
    const a = actual[key]
    if (isMatcherObject(e)) {
      if (e.asymmetricMatch(a)) {
        expected[key] = a
      } else if ('sample' in e && e.sample !== undefined && replaceable(a, e.sample)) {
        [actual[key], expected[key]] = replaceMatchers(a, e.sample, seenA, seenE)
      }
    } else if (isMatcherObject(a)) {
      if (a.asymmetricMatch(e)) {
        actual[key] = e
      } else if ('sample' in a && a.sample !== undefined && replaceable(a.sample, e)) {
        [actual[key], expected[key]] = replaceMatchers(a.sample, e, seenA, seenE)
      }
    } else if (replaceable(a, e)) {
      [actual[key], expected[key]] = replaceMatchers(a, e, seenA, seenE)
    }
  }
  return [actual, expected]
}

// printDiffOrStringify is the diff an assertion error carries. Two
// different one-line strings print as `Expected: "a"` / `Received: "b"`.
// memory receives the printed expected/actual when the diff printed them.
function printDiffOrStringify(received, expected, options, memory = {}) {
  const opts = diffOptions(options)
  if (typeof expected === 'string' && typeof received === 'string'
    && expected.length > 0 && received.length > 0
    && expected.length <= 20000 && received.length <= 20000 && expected !== received) {
    if (expected.includes('\n') || received.includes('\n')) {
      return diffLinesUnified(expected.split('\n'), received.split('\n'), options)
    }
    const width = Math.max(opts.aAnnotation.length, opts.bAnnotation.length)
    const label = name => `${name}: ${' '.repeat(width - name.length)}`
    return `${label(opts.aAnnotation)}${showTrailingSpaces(stringify(expected))}\n`
      + `${label(opts.bAnnotation)}${showTrailingSpaces(stringify(received))}`
  }
  const [actual, wanted] = replaceMatchers(cloneWritable(received), cloneWritable(expected))
  return diff(wanted, actual, options, memory)
}

// showTrailingSpaces makes spaces at the end of lines visible as middle dots.
function showTrailingSpaces(text) {
  return text.replace(/\s+$/gm, spaces => '\u00B7'.repeat(spaces.length))
}
