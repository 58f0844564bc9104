// snapshot.js: toMatchSnapshot, toMatchInlineSnapshot and the
// toThrowErrorMatching* forms. They print the received value as vitest 4
// stores snapshots and hand it to state.snapshot.match, which belongs to the
// runner (it reads, compares and writes snapshot files):
//
//   state.snapshot.match({
//     kind: 'file' | 'inline',
//     received,  // serialized, with a newline before and after when it
//                // spans lines (what vitest stores; unescaped)
//     hint,      // toMatchSnapshot('hint'), or undefined
//     inline,    // for 'inline': the snapshot argument with vitest's
//                // indentation stripping applied, undefined when absent
//     error,     // an Error made at the call site, for its stack
//   }) -> { pass, expected, actual, key }
//
// Vitest compares `inline.trim() === received.trim()` (and the same for the
// stored file snapshot). `key` is the snapshot's name (`test name 1`); on a
// mismatch the error says "Snapshot `key` mismatched" and carries the
// trimmed expected/actual display strings.

function addExtraLineBreaks(text) {
  return text.includes('\n') ? `\n${text}\n` : text
}

function removeExtraLineBreaks(text) {
  return text.length > 2 && text[0] === '\n' && text.endsWith('\n') ? text.slice(1, -1) : text
}

function escapeBacktickString(text) {
  return text.replace(/`|\\|\$\{/g, '\\$&')
}

// stripSnapshotIndentation removes the indentation that an inline snapshot
// gets from the test source: only when the snapshot starts and ends with a
// blank line and every other line starts with the first line's indentation.
function stripSnapshotIndentation(snapshot) {
  const match = snapshot.match(/^([^\S\n]*)\S/m)
  if (!match || !match[1]) {
    return snapshot
  }
  const indentation = match[1]
  const lines = snapshot.split(/\n/g)
  if (lines.length <= 2 || lines[0].trim() !== '' || lines.at(-1).trim() !== '') {
    return snapshot
  }
  for (let i = 1; i < lines.length - 1; i++) {
    if (lines[i] !== '') {
      if (lines[i].indexOf(indentation) !== 0) {
        return snapshot
      }
      lines[i] = lines[i].substring(indentation.length)
    }
  }
  lines[lines.length - 1] = ''
  return lines.join('\n')
}

// prepareInlineSnapshot is the template literal vitest writes into the test
// file for a new or updated inline snapshot, given the indentation of the
// line holding the matcher call.
function prepareInlineSnapshot(snapshot, indent) {
  const next = indent.includes('\t') ? `${indent}\t` : `${indent}  `
  const lines = snapshot.trim().replace(/\\/g, '\\\\').split(/\n/g)
  const escape = text => text.replace(/`/g, '\\`').replace(/\$\{/g, '\\${')
  if (lines.length <= 1) {
    return `\`${escape(lines.join('\n'))}\``
  }
  return `\`\n${escape(lines.map(line => (line ? next + line : '')).join('\n'))}\n${indent}\``
}

function snapshotState(assertion, name) {
  if (assertion.flag('negate')) {
    throw new Error(`${name} cannot be used with "not"`)
  }
  const state = assertion.flag('state')
  if (!state || !state.snapshot || typeof state.snapshot.match !== 'function') {
    throw new Error(`'${name}' cannot be used without test context`)
  }
  return state
}

function mergeProperties(target, source) {
  if (isObject(target) && isObject(source)) {
    const merged = { ...target }
    for (const key of Object.keys(source)) {
      if (isObject(source[key]) && !source[key].$$typeof) {
        merged[key] = key in target ? mergeProperties(target[key], source[key]) : source[key]
      } else if (Array.isArray(source[key])) {
        merged[key] = mergeArrays(target[key], source[key])
      } else {
        merged[key] = source[key]
      }
    }
    return merged
  }
  if (Array.isArray(target) && Array.isArray(source)) {
    return mergeArrays(target, source)
  }
  return target
}

function mergeArrays(target = [], source = []) {
  const merged = Array.from(target)
  source.forEach((item, i) => {
    if (Array.isArray(target[i])) {
      merged[i] = mergeArrays(target[i], item)
    } else if (isObject(merged[i])) {
      merged[i] = mergeProperties(target[i], item)
    } else {
      merged[i] = item
    }
  })
  return merged
}

// matchSnapshot is the shared body of every snapshot matcher.
function matchSnapshot(assertion, name, received, { kind, properties, inline, hint }) {
  const state = snapshotState(assertion, name)
  const custom = assertion.flag('message')
  const prefix = custom ? `${custom}: ` : ''
  if (typeof properties === 'object' && properties !== null) {
    if (typeof received !== 'object' || !received) {
      throw new Error('Received value must be an object when the matcher has properties')
    }
    if (!equals(received, properties, [iterableEquality, subsetEquality])) {
      const err = new Error(prefix + (custom || 'Snapshot properties mismatched'))
      err.actual = received
      err.expected = properties
      throw err
    }
    received = mergeProperties(received, properties)
  }
  const error = assertion.flag('error') || new Error('snapshot')
  const result = state.snapshot.match({
    kind, received: addExtraLineBreaks(serializeSnapshot(received)), hint, inline, error,
  })
  if (!result || !result.pass) {
    const err = new Error(`${prefix}Snapshot \`${result?.key || 'unknown'}\` mismatched`)
    err.actual = result?.actual?.trim()
    err.expected = result?.expected?.trim()
    throw err
  }
}

function thrownForSnapshot(assertion) {
  const value = assertion._obj
  const promise = assertion.flag('promise')
  if (typeof value !== 'function') {
    if (!promise) {
      throw new Error(`expected must be a function, received ${typeof value}`)
    }
    return value
  }
  try {
    value()
  } catch (err) {
    return err
  }
  throw new Error("snapshot function didn't throw")
}

function inlineArguments(propertiesOrInline, inlineOrHint, hint) {
  if (typeof propertiesOrInline === 'string') {
    return { inline: stripSnapshotIndentation(propertiesOrInline), hint: inlineOrHint }
  }
  return {
    properties: propertiesOrInline,
    inline: inlineOrHint ? stripSnapshotIndentation(inlineOrHint) : undefined,
    hint,
  }
}

function fileArguments(propertiesOrHint, hint) {
  return typeof propertiesOrHint === 'string'
    ? { hint: propertiesOrHint }
    : { properties: propertiesOrHint, hint }
}

defineMatcher(['toMatchSnapshot', 'matchSnapshot'], function (propertiesOrHint, hint) {
  matchSnapshot(this, 'toMatchSnapshot', this._obj, { kind: 'file', ...fileArguments(propertiesOrHint, hint) })
})

defineMatcher('toMatchInlineSnapshot', function (propertiesOrInline, inlineOrHint, hint) {
  matchSnapshot(this, 'toMatchInlineSnapshot', this._obj,
    { kind: 'inline', ...inlineArguments(propertiesOrInline, inlineOrHint, hint) })
})

defineMatcher('toThrowErrorMatchingSnapshot', function (propertiesOrHint, hint) {
  snapshotState(this, 'toThrowErrorMatchingSnapshot')
  matchSnapshot(this, 'toThrowErrorMatchingSnapshot', thrownForSnapshot(this),
    { kind: 'file', ...fileArguments(propertiesOrHint, hint) })
})

defineMatcher('toThrowErrorMatchingInlineSnapshot', function (inlineOrHint, hint) {
  snapshotState(this, 'toThrowErrorMatchingInlineSnapshot')
  matchSnapshot(this, 'toThrowErrorMatchingInlineSnapshot', thrownForSnapshot(this),
    { kind: 'inline', ...inlineArguments(undefined, inlineOrHint, hint) })
})
