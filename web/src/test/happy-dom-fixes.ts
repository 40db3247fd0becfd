/**
 * Two places where happy-dom differs from browsers in a way that breaks DOMPurify (and so every test of
 * sanitized Markdown): without these, DOMPurify under happy-dom drops allowed tags and keeps <script>.
 *
 * 1. `Node.prototype.nodeName` returns '' (subclasses override it); DOMPurify ≥ 3.3 reads the name through
 *    Node.prototype's getter to resist DOM clobbering, so it sees every element as unnamed.
 * 2. NodeIterator stops when the node it returned last is removed; browsers move on to the next node
 *    (DOM spec "NodeIterator pre-removing steps"), and DOMPurify removes nodes while iterating.
 *
 * Both shims only apply to the test environment (imported by setup.ts).
 */

const baseNodeName = Object.getOwnPropertyDescriptor(Node.prototype, 'nodeName');
Object.defineProperty(Node.prototype, 'nodeName', {
  configurable: true,
  get(this: Node): string {
    for (let p = Object.getPrototypeOf(this) as object | null; p && p !== Node.prototype; p = Object.getPrototypeOf(p)) {
      const own = Object.getOwnPropertyDescriptor(p, 'nodeName');
      if (own?.get) return own.get.call(this) as string;
    }
    return (baseNodeName?.get?.call(this) as string | undefined) ?? '';
  },
});

type Filter = NodeFilter | ((node: Node) => number) | null;

/** Forward iteration in tree order that survives the removal of the node it returned last. */
class LiveNodeIterator {
  private ref: Node | null = null;
  private refParent: Node | null = null;
  private refPrevious: Node | null = null;
  readonly pointerBeforeReferenceNode = false;

  constructor(
    readonly root: Node,
    readonly whatToShow: number = 0xffffffff,
    readonly filter: Filter = null,
  ) {}

  get referenceNode(): Node {
    return this.ref ?? this.root;
  }

  private accepts(node: Node): boolean {
    if (!(this.whatToShow & (1 << (node.nodeType - 1)))) return false;
    if (!this.filter) return true;
    const verdict = typeof this.filter === 'function' ? this.filter(node) : this.filter.acceptNode(node);
    return verdict === NodeFilter.FILTER_ACCEPT;
  }

  /** The next node in tree order within root; `skipChildren` jumps over the node's subtree. */
  private following(node: Node, skipChildren = false): Node | null {
    if (!skipChildren && node.firstChild) return node.firstChild;
    for (let n: Node | null = node; n && n !== this.root; n = n.parentNode) {
      if (n.nextSibling) return n.nextSibling;
    }
    return null;
  }

  /** Where to go on from: the last returned node, or where it stood if it was removed since. */
  private resume(): Node | null {
    const ref = this.ref!;
    if (ref === this.root || this.root.contains(ref)) return this.following(ref);
    const parent = this.refParent;
    if (!parent || !(parent === this.root || this.root.contains(parent))) return null;
    if (this.refPrevious && this.refPrevious.parentNode === parent) return this.following(this.refPrevious, true);
    return parent.firstChild ?? this.following(parent, true);
  }

  nextNode(): Node | null {
    let node: Node | null = this.ref === null ? this.root : this.resume();
    while (node && !this.accepts(node)) node = this.following(node);
    if (node) {
      this.ref = node;
      this.refParent = node.parentNode;
      this.refPrevious = node.previousSibling;
    }
    return node;
  }

  previousNode(): Node | null {
    throw new Error('previousNode is not supported by the test NodeIterator');
  }

  detach(): void {}
}

function createNodeIterator(root: Node, whatToShow?: number, filter?: Filter): NodeIterator {
  return new LiveNodeIterator(root, whatToShow, filter ?? null) as unknown as NodeIterator;
}
// happy-dom gives each window its own classes: patch the prototype the test document really uses, too.
for (let p = Object.getPrototypeOf(document) as object | null; p; p = Object.getPrototypeOf(p)) {
  if (Object.prototype.hasOwnProperty.call(p, 'createNodeIterator')) {
    Object.defineProperty(p, 'createNodeIterator', { configurable: true, writable: true, value: createNodeIterator });
    break;
  }
}
Document.prototype.createNodeIterator = createNodeIterator;
