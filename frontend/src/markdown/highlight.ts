// A deliberately small highlighter: comments, strings, numbers and keywords for the languages
// LLMs write most. A full grammar library would add hundreds of kilobytes to every page.
import { escapeHtml } from './escape';

interface Grammar {
  comment: RegExp;
  keywords: ReadonlySet<string>;
}

const C_LIKE_KEYWORDS = [
  'abstract', 'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'final', 'finally', 'fn', 'for', 'func', 'function', 'if',
  'implements', 'import', 'in', 'interface', 'let', 'match', 'namespace', 'new', 'null', 'override', 'package',
  'private', 'protected', 'public', 'record', 'return', 'sealed', 'static', 'struct', 'switch', 'this', 'throw',
  'true', 'try', 'type', 'typeof', 'undefined', 'using', 'var', 'void', 'while', 'yield', 'int', 'string', 'bool',
  'double', 'float', 'long', 'char', 'impl', 'mut', 'pub', 'use', 'go', 'defer', 'readonly', 'get', 'set', 'init',
];
const PYTHON_KEYWORDS = [
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'False', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'None', 'nonlocal', 'not',
  'or', 'pass', 'raise', 'return', 'True', 'try', 'while', 'with', 'yield', 'self',
];
const SHELL_KEYWORDS = ['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'do', 'done', 'case', 'esac', 'function', 'in', 'export', 'local', 'return'];
const SQL_KEYWORDS = [
  'select', 'from', 'where', 'and', 'or', 'not', 'insert', 'into', 'values', 'update', 'set', 'delete', 'create',
  'table', 'index', 'drop', 'alter', 'join', 'left', 'right', 'inner', 'outer', 'on', 'group', 'by', 'order',
  'having', 'limit', 'offset', 'as', 'null', 'is', 'in', 'primary', 'key', 'references', 'distinct', 'union', 'returning',
];

const C_LIKE: Grammar = { comment: /\/\/[^\n]*|\/\*[\s\S]*?\*\//y, keywords: new Set(C_LIKE_KEYWORDS) };
const HASH: Grammar = { comment: /#[^\n]*/y, keywords: new Set(PYTHON_KEYWORDS) };
const SHELL: Grammar = { comment: /#[^\n]*/y, keywords: new Set(SHELL_KEYWORDS) };
const SQL: Grammar = { comment: /--[^\n]*|\/\*[\s\S]*?\*\//y, keywords: new Set(SQL_KEYWORDS) };

const GRAMMARS: Record<string, Grammar> = {
  python: HASH, py: HASH, ruby: HASH, rb: HASH, yaml: HASH, yml: HASH, toml: HASH, r: HASH,
  bash: SHELL, sh: SHELL, shell: SHELL, zsh: SHELL, console: SHELL, powershell: SHELL, ps1: SHELL,
  sql: SQL, postgresql: SQL, sqlite: SQL,
};

const STRING = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/y;
const NUMBER = /\b(?:0x[\da-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\b/y;
const WORD = /[A-Za-z_$][\w$]*/y;

function grammarFor(language: string): Grammar {
  return GRAMMARS[language.toLowerCase()] ?? C_LIKE;
}

function matchAt(pattern: RegExp, code: string, index: number): string | null {
  pattern.lastIndex = index;
  return pattern.exec(code)?.[0] ?? null;
}

/** Returns escaped HTML with `<span class="tok-…">` around recognised tokens. */
export function highlight(code: string, language: string): string {
  if (language === '' || language === 'text' || language === 'plaintext') return escapeHtml(code);
  const grammar = grammarFor(language);
  const caseInsensitive = grammar === SQL;
  let html = '';
  let plain = '';
  let index = 0;
  const flush = () => {
    html += escapeHtml(plain);
    plain = '';
  };
  while (index < code.length) {
    const comment = matchAt(grammar.comment, code, index);
    const string = comment === null ? matchAt(STRING, code, index) : null;
    const token = comment ?? string;
    if (token !== null) {
      flush();
      html += `<span class="tok-${comment !== null ? 'comment' : 'string'}">${escapeHtml(token)}</span>`;
      index += token.length;
      continue;
    }
    const word = matchAt(WORD, code, index);
    if (word !== null) {
      const isKeyword = grammar.keywords.has(caseInsensitive ? word.toLowerCase() : word);
      if (isKeyword) {
        flush();
        html += `<span class="tok-keyword">${escapeHtml(word)}</span>`;
      } else {
        plain += word;
      }
      index += word.length;
      continue;
    }
    const number = matchAt(NUMBER, code, index);
    if (number !== null) {
      flush();
      html += `<span class="tok-number">${number}</span>`;
      index += number.length;
      continue;
    }
    plain += code[index];
    index += 1;
  }
  flush();
  return html;
}
