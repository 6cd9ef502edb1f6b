#!/usr/bin/env python3
"""Rebuild the real-arXiv tagger evaluation corpus from mirrored git repositories.

Every source is a bare git directory (as produced by the mirror tool) holding
daily arXiv digests written by the `daily-arXiv-ai-enhanced` crawler family:
files `data/YYYY-MM-DD.jsonl` (optionally `*_AI_enhanced_<Lang>.jsonl`, and
`recent_*` roll-ups), one JSON object per line with at least
  id, title, summary, categories (list, as returned by the arXiv API via arxiv.py).

Usage
  python collect.py --out DIR \
      --git dwdengwei /work/.mirror/dw-dengwei+daily-arXiv-ai-enhanced/repo data \
      --git springkill /work/.mirror/springkill+daily-arXiv-ai-enhanced/repo data ...
  (--dir KEY PATH reads the same file layout from an extracted directory instead.)

Sources are given in priority order: when an arXiv id (version stripped) occurs in
several sources/files, the first occurrence is kept.  `--quota N` draws a
deterministic subsample (see select()); `--quota 0` keeps everything.
Outputs: papers.jsonl.gz, split.json, stats.json (counts used in PROVENANCE.md).
"""
import argparse, collections, gzip, hashlib, json, os, re, subprocess, sys

FILE_RE = re.compile(r'(^|/)data/(recent_)?\d{4}-\d\d-\d\d(_to_\d{4}-\d\d-\d\d)?(_AI_enhanced_[A-Za-z]+)?\.jsonl$')
CAT_RE = re.compile(r'^[a-z][a-z\-]*(\.[A-Za-z][A-Za-z\-]*)?$')
NEW_ID = re.compile(r'^(\d{4})\.(\d{4,5})$')
OLD_ID = re.compile(r'^[a-z\-]+(\.[A-Z]{2})?/\d{7}$')

# Categories the corpus must cover; selection fills these in this order.
TARGETS = ['cs.CV', 'cs.CL', 'cs.LG', 'cs.RO', 'cs.CR', 'cs.IR', 'cs.HC', 'cs.SE',
           'cs.GR', 'cs.MA', 'cs.NE', 'cs.SD|eess.AS',
           'stat.ML', 'eess.IV', 'eess.SP', 'q-bio.*', 'cs.GT', 'cs.IT', 'cs.AI',
           'cs.DC', 'cs.DB']
REPORT = TARGETS + ['cs.SD', 'eess.AS']


def ws(s):
    return re.sub(r'\s+', ' ', s or '').strip()


def norm_id(raw):
    s = str(raw).strip()
    s = re.sub(r'^(arXiv:|https?://arxiv\.org/(abs|pdf)/)', '', s, flags=re.I)
    s = re.sub(r'\.pdf$', '', s)
    s = re.sub(r'v\d+$', '', s)
    return s


def has(cats, target):
    if '|' in target:
        return any(has(cats, t) for t in target.split('|'))
    if target.endswith('.*'):
        return any(c.startswith(target[:-1]) for c in cats)
    return target in cats


def id_year(i):
    m = NEW_ID.match(i)
    if m:
        return 2000 + int(m.group(1)[:2])
    m = re.search(r'/(\d\d)\d{5}$', i)
    if m:
        y = int(m.group(1))
        return 1900 + y if y > 90 else 2000 + y
    return None


def git_files(gitdir, ref):
    out = subprocess.run(['git', '--git-dir', gitdir, 'ls-tree', '-r', '--name-only', ref],
                         capture_output=True, check=True).stdout.decode()
    names = sorted(f for f in out.split('\n') if FILE_RE.search(f))
    # plain daily files before AI-enhanced copies / roll-ups (same content, kept as fallback)
    names.sort(key=lambda f: ('_AI_enhanced_' in f or 'recent_' in f, f))
    for f in names:
        data = subprocess.run(['git', '--git-dir', gitdir, 'show', f'{ref}:{f}'],
                              capture_output=True, check=True).stdout
        yield f, data


def dir_files(root):
    names = []
    for dp, _, fs in os.walk(root):
        for f in fs:
            p = os.path.join(dp, f)
            if FILE_RE.search(p.replace(os.sep, '/')):
                names.append(p)
    names.sort(key=lambda f: ('_AI_enhanced_' in f or 'recent_' in f, f))
    for p in names:
        with open(p, 'rb') as fh:
            yield os.path.relpath(p, root), fh.read()


def read_source(key, files, stats):
    st = stats.setdefault(key, collections.Counter())
    dates = []
    for name, data in files:
        st['files'] += 1
        m = re.search(r'(\d{4}-\d\d-\d\d)', name)
        if m:
            dates.append(m.group(1))
        try:
            text = data.decode('utf-8')
        except UnicodeDecodeError:
            st['files_not_utf8'] += 1
            continue
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                o = json.loads(line)
            except ValueError:
                st['bad_json_lines'] += 1
                continue
            st['records'] += 1
            cats = o.get('categories')
            if isinstance(cats, str):
                cats = cats.split()
            pid = norm_id(o.get('id') or o.get('arxiv_id') or '')
            title = ws(o.get('title'))
            abstract = ws(o.get('summary') or o.get('abstract'))
            if not (NEW_ID.match(pid) or OLD_ID.match(pid)):
                st['skip_bad_id'] += 1
                continue
            # the arXiv API also returns ACM / MSC classes (e.g. 'I.2.7', '68T50')
            # as <category> terms; keep only arXiv taxonomy codes.
            if not isinstance(cats, list):
                cats = []
            arx = [c for c in cats if isinstance(c, str) and CAT_RE.match(c)]
            if len(arx) != len(cats):
                st['records_with_acm_msc_codes_dropped'] += 1
            if not arx or arx[0] != cats[0]:
                st['skip_bad_categories'] += 1
                continue
            cats = arx
            if not title or not abstract:
                st['skip_missing_title_or_abstract'] += 1
                continue
            seen = []
            for c in cats:
                if c not in seen:
                    seen.append(c)
            yield {'id': pid, 'title': title, 'abstract': abstract,
                   'primary': seen[0], 'categories': seen, 'source': key,
                   '_file': name}
    st['first_file_date'] = min(dates) if dates else ''
    st['last_file_date'] = max(dates) if dates else ''


def h(i):
    return hashlib.sha256(i.encode()).hexdigest()


def select(pool, quota, min_year):
    """Deterministic subsample: for each target (in TARGETS order) add papers that
    carry it, in sha256('select:'+id) order, until the selection holds `quota`
    papers with it (papers already chosen for earlier targets count)."""
    # the selection order uses a salted hash so that it is independent of the
    # tune/heldout split, which uses the plain sha256(id)
    items = sorted((p for p in pool.values() if (id_year(p['id']) or 0) >= min_year),
                   key=lambda p: h('select:' + p['id']))
    if not quota:
        return items
    chosen, have = {}, collections.Counter()
    for t in TARGETS:
        for p in items:
            if have[t] >= quota:
                break
            if p['id'] in chosen or not has(p['categories'], t):
                continue
            chosen[p['id']] = p
            for t2 in TARGETS:
                if has(p['categories'], t2):
                    have[t2] += 1
    return sorted(chosen.values(), key=lambda p: h(p['id']))


def counts(papers):
    c = collections.Counter()
    for p in papers:
        for t in REPORT:
            if has(p['categories'], t):
                c[t] += 1
    return {t: c[t] for t in REPORT}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--git', nargs=3, action='append', default=[], metavar=('KEY', 'GITDIR', 'REF'))
    ap.add_argument('--dir', nargs=2, action='append', default=[], metavar=('KEY', 'PATH'))
    ap.add_argument('--out', required=True)
    ap.add_argument('--quota', type=int, default=700)
    ap.add_argument('--min-year', type=int, default=2018)
    ap.add_argument('--stats-only', action='store_true')
    a = ap.parse_args()
    # keep argument order across --git/--dir as given on the command line
    order, gi, di = [], iter(a.git), iter(a.dir)
    for tok in sys.argv[1:]:
        if tok == '--git':
            order.append(('git', next(gi)))
        elif tok == '--dir':
            order.append(('dir', next(di)))
    stats, pool, conflicts = {}, {}, collections.Counter()
    for kind, spec in order:
        key = spec[0]
        files = git_files(spec[1], spec[2]) if kind == 'git' else dir_files(spec[1])
        ids_here = set()
        for p in read_source(key, files, stats):
            ids_here.add(p['id'])
            q = pool.get(p['id'])
            if q is None:
                pool[p['id']] = p
            else:
                stats[key]['records_already_seen'] += 1
                if set(q['categories']) != set(p['categories']):
                    conflicts['categories_differ'] += 1
                if q['title'] != p['title']:
                    conflicts['title_differs'] += 1
        stats[key]['distinct_ids'] = len(ids_here)
        stats[key]['new_ids_kept'] = sum(1 for p in pool.values() if p['source'] == key)
    sel = select(pool, a.quota, a.min_year)
    tune = [p['id'] for p in sel if h(p['id'])[0] in '012345']
    held = [p['id'] for p in sel if h(p['id'])[0] not in '012345']
    tset = set(tune)
    by_src = collections.defaultdict(list)
    for p in sel:
        by_src[p['source']].append(p['id'])
    report = {
        'pool_size': len(pool), 'selected': len(sel), 'tune': len(tune), 'heldout': len(held),
        'quota': a.quota, 'min_year': a.min_year,
        'sources': {k: dict(v) for k, v in stats.items()},
        'selected_per_source': {k: len(v) for k, v in by_src.items()},
        'selected_id_range_per_source': {k: [min(v), max(v)] for k, v in by_src.items()},
        'cross_record_conflicts': dict(conflicts),
        'pool_counts': counts(pool.values()),
        'tune_counts': counts([p for p in sel if p['id'] in tset]),
        'heldout_counts': counts([p for p in sel if p['id'] not in tset]),
        'selected_primary_top': collections.Counter(p['primary'] for p in sel).most_common(40),
        'selected_with_latex_dollar': sum('$' in p['abstract'] or '$' in p['title'] for p in sel),
        'selected_with_backslash': sum('\\' in p['abstract'] for p in sel),
    }
    print(json.dumps(report, indent=1))
    if a.stats_only:
        return
    os.makedirs(a.out, exist_ok=True)
    with gzip.GzipFile(os.path.join(a.out, 'papers.jsonl.gz'), 'wb', mtime=0) as gz:
        for p in sel:
            rec = {k: p[k] for k in ('id', 'title', 'abstract', 'primary', 'categories', 'source')}
            gz.write((json.dumps(rec, ensure_ascii=False) + '\n').encode('utf-8'))
    with open(os.path.join(a.out, 'split.json'), 'w') as fh:
        json.dump({'tune': tune, 'heldout': held}, fh, indent=0)
        fh.write('\n')
    with open(os.path.join(a.out, 'stats.json'), 'w') as fh:
        json.dump(report, fh, indent=1)
        fh.write('\n')


if __name__ == '__main__':
    main()
