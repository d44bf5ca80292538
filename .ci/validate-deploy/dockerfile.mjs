// Just enough Dockerfile and .dockerignore understanding for our checks.

// Instructions as { keyword, flags, args, line }, with continuation lines joined.
export function parseDockerfile(text) {
  const instructions = [];
  let buffer = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (buffer === '' && (line === '' || line.startsWith('#'))) {
      return;
    }
    if (buffer !== '' && line.startsWith('#')) {
      return; // comment inside a continued instruction
    }
    if (buffer === '') {
      startLine = index + 1;
    }
    if (line.endsWith('\\')) {
      buffer += `${line.slice(0, -1)} `;
      return;
    }
    buffer += line;
    const [keyword, ...words] = buffer.split(/\s+/);
    const flags = {};
    const args = [];
    for (const word of words) {
      const flag = /^--([a-z-]+)=(.*)$/.exec(word);
      if (flag && args.length === 0) {
        flags[flag[1]] = flag[2];
      } else {
        args.push(word);
      }
    }
    instructions.push({ keyword: keyword.toUpperCase(), flags, args, line: startLine });
    buffer = '';
  });
  return instructions;
}

// The instructions of the last stage (the image that actually ships).
export function finalStage(instructions) {
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  return instructions.slice(lastFrom);
}

// Build-context paths that COPY/ADD read (not COPY --from=<stage>), exec-form aware.
export function contextSources(instructions) {
  const sources = [];
  for (const instruction of instructions) {
    if (!['COPY', 'ADD'].includes(instruction.keyword) || instruction.flags.from !== undefined) {
      continue;
    }
    let args = instruction.args;
    if (args[0]?.startsWith('[')) {
      args = JSON.parse(args.join(' '));
    }
    sources.push(...args.slice(0, -1).map((source) => ({ source, line: instruction.line })));
  }
  return sources;
}

// .dockerignore with Docker's rules: patterns are matched against a path and each of
// its parent directories, `!` re-includes, and the last matching pattern wins.
export function dockerignoreMatcher(text) {
  const patterns = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exclusion = line.startsWith('!');
      const body = cleanPath(exclusion ? line.slice(1).trim() : line);
      return { exclusion, regex: globToRegex(body) };
    });
  return function isIgnored(filePath) {
    const parts = cleanPath(filePath).split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const pattern of patterns) {
      if (pattern.exclusion !== ignored) {
        continue; // cannot change the outcome
      }
      if (candidates.some((candidate) => pattern.regex.test(candidate))) {
        ignored = !pattern.exclusion;
      }
    }
    return ignored;
  };
}

function cleanPath(p) {
  return p.replace(/^\.?\/+/, '').replace(/\/+$/, '').replace(/\/+/g, '/');
}

function globToRegex(glob) {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[' && glob.indexOf(']', i) > i) {
      const end = glob.indexOf(']', i);
      out += glob.slice(i, end + 1).replace('[!', '[^');
      i = end;
    } else {
      out += c.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}
