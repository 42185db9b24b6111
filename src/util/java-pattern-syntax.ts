// The message of java.util.regex.PatternSyntaxException for the mistakes people make in a topic
// regex, as Java formats it: `<description> near index <i>`, a line with the pattern and, when the
// index is inside it, a line with a caret under that position.

/** Java's PatternSyntaxException.getMessage(). */
export function patternSyntaxMessage(description: string, index: number, pattern: string): string {
  let s = description;
  if (index >= 0) s += ` near index ${index}`;
  s += `\n${pattern}`;
  if (index >= 0 && index < pattern.length) s += `\n${' '.repeat(index)}^`;
  return s;
}

/**
 * What java.util.regex.Pattern.compile reports for a pattern JavaScript also refused: a dangling
 * quantifier, an unclosed character class or group, or an unmatched `)`; null when the mistake is
 * none of these.
 */
export function describeJavaPatternError(pattern: string): string | null {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === ']') i++; // `[]...]`: a leading ] is a literal
      continue;
    }
    if ((c === '*' || c === '+' || c === '?') && (i === 0 || pattern[i - 1] === '(' || pattern[i - 1] === '|')) {
      return patternSyntaxMessage(`Dangling meta character '${c}'`, i, pattern);
    }
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return patternSyntaxMessage("Unmatched closing ')'", i - 1, pattern);
      depth--;
    }
  }
  if (inClass) return patternSyntaxMessage('Unclosed character class', pattern.length - 1, pattern);
  if (depth > 0) return patternSyntaxMessage('Unclosed group', pattern.length, pattern);
  return null;
}
