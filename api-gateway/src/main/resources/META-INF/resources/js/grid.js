// The photo grid: justified rows, optional month and day headers, virtualised (only rows near the viewport are in
// the DOM, so only their thumbnails are requested), boxes sized before images load, and more pages on demand.

import {h} from './dom.js';
import {justify} from './justify.js';
import {describe, displayed, fitFor} from './thumbs.js';

const GAP = 4;
const MONTH_HEADER = 56;
const DAY_HEADER = 36;
const monthFormat = new Intl.DateTimeFormat(undefined, {month: 'long', year: 'numeric'});
const dayFormat = new Intl.DateTimeFormat(undefined, {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric'});

export class Grid {
  /**
   * source.url(item, size): thumbnail URL or null; loadMore(): a promise of the next items, or null at the end;
   * onOpen(index); selection: a Set of ids to show and change (null: no selecting); onSelect(): after a change.
   */
  constructor({source, loadMore, onOpen, headers = false, selection = null, onSelect = () => {}, onView = () => {},
    label = 'Photos'}) {
    Object.assign(this, {source, loadMore, onOpen, headers, selection, onSelect, onView});
    this.items = [];
    this.blocks = [];
    this.nodes = new Map();
    this.done = false;
    this.loading = null;
    this.lastPicked = -1;
    this.el = h('div', {class: 'grid', role: 'list', 'aria-label': label, dataset: {loaded: '0'}});
    this.status = h('p', {class: 'grid-status', role: 'status'});
    this.root = h('section', {class: 'grid-wrap'}, this.el, this.status);
    this.onScroll = () => this.schedule();
    this.onResize = () => { this.width = 0; this.schedule(); };
    window.addEventListener('scroll', this.onScroll, {passive: true});
    window.addEventListener('resize', this.onResize);
  }

  dispose() {
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onResize);
    this.disposed = true;
  }

  /** Call once the grid is in the document. */
  start() {
    this.schedule();
  }

  schedule() {
    if (this.frame || this.disposed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  update() {
    const width = this.el.clientWidth;
    if (width !== this.width) {
      this.width = width;
      this.layout();
    }
    this.render();
    const bottom = this.el.getBoundingClientRect().top + this.height;
    if (!this.done && !this.loading && bottom < window.innerHeight * 3) this.more();
  }

  more() {
    this.status.textContent = 'Loading…';
    this.loading = this.loadMore().then((items) => {
      if (this.disposed) return;
      if (!items) this.done = true;
      else this.add(items);
      this.status.textContent = this.done && this.items.length === 0 ? 'Nothing here yet.' : '';
    }, (e) => {
      this.done = true;
      this.status.textContent = e.message;
    }).finally(() => {
      this.loading = null;
      this.schedule();
    });
  }

  add(items) {
    this.items.push(...items);
    this.el.dataset.loaded = String(this.items.length);
    this.layout();
  }

  /** Blocks (headers and rows) with their y positions, for the whole list; a row keeps its items' ratios. */
  layout() {
    const width = this.width || this.el.clientWidth;
    const target = width < 600 ? 110 : 200;
    const blocks = [];
    let y = 0;
    let month = null;
    for (const group of this.groups()) {
      if (this.headers) {
        if (group.month !== month) {
          month = group.month;
          blocks.push({type: 'month', y, height: MONTH_HEADER, text: group.monthText});
          y += MONTH_HEADER;
        }
        blocks.push({type: 'day', y, height: DAY_HEADER, text: group.dayText});
        y += DAY_HEADER;
      }
      const ratios = [];
      for (let i = group.start; i < group.end; i++) {
        const {w, h: ht} = displayed(this.items[i]);
        ratios.push(w / ht);
      }
      for (const row of justify(ratios, width, target, GAP)) {
        blocks.push({type: 'row', y, height: row.height, start: group.start + row.start, end: group.start + row.end,
          widths: row.widths});
        y += row.height + GAP;
      }
    }
    this.blocks = blocks;
    this.height = y;
    this.el.style.height = `${y}px`;
  }

  /** Runs of items by local day (all in one run without headers). */
  groups() {
    if (!this.headers) return this.items.length ? [{start: 0, end: this.items.length}] : [];
    const groups = [];
    let current = null;
    this.items.forEach((item, i) => {
      const date = item.takenAt ? new Date(item.takenAt) : null;
      const day = date ? `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}` : 'undated';
      if (!current || current.day !== day) {
        current = {
          day, start: i, end: i + 1,
          month: date ? `${date.getFullYear()}-${date.getMonth()}` : 'undated',
          monthText: date ? monthFormat.format(date) : 'Undated',
          dayText: date ? dayFormat.format(date) : 'Date unknown',
        };
        groups.push(current);
      } else {
        current.end = i + 1;
      }
    });
    return groups;
  }

  /** Puts the blocks within a screen of the viewport in the DOM, and removes the others. */
  render() {
    const top = -this.el.getBoundingClientRect().top;
    const from = top - window.innerHeight;
    const to = top + window.innerHeight * 2;
    const wanted = new Set();
    let i = firstBlockEndingAfter(this.blocks, from);
    for (; i < this.blocks.length && this.blocks[i].y < to; i++) {
      const block = this.blocks[i];
      const key = `${block.type}:${block.start}:${block.end}:${Math.round(block.y)}:${Math.round(block.height)}:${this.width}`;
      wanted.add(key);
      if (!this.nodes.has(key)) {
        const node = this.build(block);
        this.nodes.set(key, node);
        this.el.append(node);
      }
    }
    const inView = this.blocks[firstBlockEndingAfter(this.blocks, top)];
    if (inView) this.onView(this.items[inView.type === 'row' ? inView.start : this.nextItemAfter(inView)]);
    for (const [key, node] of this.nodes) {
      if (!wanted.has(key)) {
        node.remove();
        this.nodes.delete(key);
      }
    }
  }

  /** The first item below a header block. */
  nextItemAfter(block) {
    const next = this.blocks.find((b) => b.type === 'row' && b.y >= block.y);
    return next ? next.start : 0;
  }

  build(block) {
    const style = {top: `${block.y}px`, height: `${block.height}px`};
    if (block.type !== 'row') {
      return h(block.type === 'month' ? 'h2' : 'h3', {class: `grid-${block.type}`, style, role: 'listitem'}, block.text);
    }
    const row = h('div', {class: 'grid-row', style, role: 'listitem'});
    let x = 0;
    for (let i = block.start; i < block.end; i++) {
      const w = block.widths[i - block.start];
      row.append(this.tile(i, x, w, block.height));
      x += w + GAP;
    }
    return row;
  }

  tile(index, x, w, height) {
    const item = this.items[index];
    const label = describe(item);
    const url = this.source.url(item, fitFor(Math.max(w, height)));
    const picture = url
      ? h('img', {src: url, alt: label, width: Math.round(w), height: Math.round(height), decoding: 'async',
        draggable: 'false'})
      : h('span', {class: 'tile-missing'}, item.thumbnailStatus === 'FAILED' ? 'No preview' : 'Preview coming');
    if (url) picture.addEventListener('error', () => picture.classList.add('broken'), {once: true});
    const open = h('button', {class: 'tile-open', type: 'button', 'aria-label': `Open ${label}`,
      onclick: (e) => this.click(e, index)}, picture, item.kind === 'VIDEO' ? h('span', {class: 'badge'}, '▶') : null);
    const tile = h('div', {class: 'tile', dataset: {id: String(item.id), index: String(index)},
      style: {left: `${x}px`, width: `${w}px`, height: `${height}px`}}, open);
    if (this.selection) {
      const selected = this.selection.has(item.id);
      tile.classList.toggle('selected', selected);
      tile.append(h('button', {class: 'tile-pick', type: 'button', 'aria-pressed': String(selected),
        'aria-label': `Select ${label}`, onclick: (e) => this.pick(e, index)}, '✓'));
    }
    return tile;
  }

  click(event, index) {
    if (this.selection && (this.selection.size > 0 || event.shiftKey)) this.pick(event, index);
    else this.onOpen(index);
  }

  /** Toggles one item; with shift, selects the range from the last one picked. */
  pick(event, index) {
    const id = this.items[index].id;
    if (event.shiftKey && this.lastPicked >= 0) {
      const [a, b] = index < this.lastPicked ? [index, this.lastPicked] : [this.lastPicked, index];
      for (let i = a; i <= b; i++) this.selection.add(this.items[i].id);
    } else if (this.selection.has(id)) {
      this.selection.delete(id);
    } else {
      this.selection.add(id);
    }
    this.lastPicked = index;
    this.refreshSelection();
    this.onSelect();
  }

  refreshSelection() {
    for (const tile of this.el.querySelectorAll('.tile')) {
      const selected = this.selection.has(Number(tile.dataset.id));
      tile.classList.toggle('selected', selected);
      tile.querySelector('.tile-pick')?.setAttribute('aria-pressed', String(selected));
    }
  }

  /** Takes items out (archived, say) and lays the rest out again. */
  remove(ids) {
    this.items = this.items.filter((item) => !ids.has(item.id));
    this.el.dataset.loaded = String(this.items.length);
    this.layout();
    this.schedule();
  }

  /** Loads the next page for the viewer stepping past the end; resolves false at the end. */
  async ensure(index) {
    while (index >= this.items.length && !this.done) {
      if (!this.loading) this.more();
      await this.loading;
    }
    return index < this.items.length;
  }
}

function firstBlockEndingAfter(blocks, y) {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].y + blocks[mid].height < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
