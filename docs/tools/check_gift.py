#!/usr/bin/env python3
"""Checks gift proofs of the donation ledger offline, independently of the service (docs/ledger-hash.md, "Gift proofs").

  check_gift.py receipt.json
      receipt.json is the answer of GET /public/v1/receipts/{receiptNo}. Recomputes the entry's chain hash from its
      fields and follows the RFC 9162 audit path to the root; compare that root with the merkleRoot of the
      LedgerDigest you keep (ledger.digests.v1).

  check_gift.py --export export.ndjson --from F --head H [--root R]
      Recomputes the Merkle root of the digest period F..H from an NDJSON export (GET /api/v1/ledger/export) and
      compares it with R when given.

Exit status 0 when everything checks, 1 when something does not. Python 3 standard library only.
"""
import hashlib
import json
import sys


def sha(b):
    return hashlib.sha256(b).digest()


def leaf(entry_hash_hex):
    return sha(b"\x00" + bytes.fromhex(entry_hash_hex))


def node(left, right):
    return sha(b"\x01" + left + right)


def line(e):
    fields = [e["sequence"], e["entryId"], e["type"], e["communityId"], e["debitAccount"], e["creditAccount"],
              e["amountFen"], e["occurredAt"], e["recordedAt"], e.get("reversalOf") or "", e["prevHash"]]
    return "|".join(str(f) for f in fields)


def root(leaves):
    n = len(leaves)
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node(root(leaves[:k]), root(leaves[k:]))


def verify_path(index, size, h, path, expected_root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, h
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == expected_root


def check_receipt(path):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    if hashlib.sha256(line(r).encode("utf-8")).hexdigest() != r["hash"]:
        print("FAIL: the entry's fields do not hash to its hash")
        return 1
    p = r.get("proof")
    if not p:
        print("PENDING: no digest covers sequence %d yet" % r["sequence"])
        return 1
    d = p["digest"]
    if p["leafIndex"] != r["sequence"] - d["fromSequence"] or p["treeSize"] != d["headSequence"] - d["fromSequence"] + 1:
        print("FAIL: the proof's position does not match its digest period")
        return 1
    ok = verify_path(p["leafIndex"], p["treeSize"], leaf(r["hash"]), [bytes.fromhex(x) for x in p["path"]],
                     bytes.fromhex(d["merkleRoot"]))
    if not ok:
        print("FAIL: the audit path does not lead to the digest's merkleRoot")
        return 1
    print("OK: receipt %s, sequence %d, in digest %d..%d, merkleRoot %s"
          % (r["receiptNo"], r["sequence"], d["fromSequence"], d["headSequence"], d["merkleRoot"]))
    return 0


def check_export(path, first, head, expected):
    leaves = []
    with open(path, encoding="utf-8") as f:
        for text in f:
            if not text.strip():
                continue
            e = json.loads(text)
            if first <= e["sequence"] <= head:
                if hashlib.sha256(line(e).encode("utf-8")).hexdigest() != e["hash"]:
                    print("FAIL: entry %d does not hash to its hash" % e["sequence"])
                    return 1
                leaves.append(leaf(e["hash"]))
    if len(leaves) != head - first + 1:
        print("FAIL: the export holds %d of the %d entries %d..%d" % (len(leaves), head - first + 1, first, head))
        return 1
    got = root(leaves).hex()
    print("merkleRoot of %d..%d: %s" % (first, head, got))
    if expected and expected != got:
        print("FAIL: expected %s" % expected)
        return 1
    return 0


def main(argv):
    if len(argv) == 2:
        return check_receipt(argv[1])
    args = dict(zip(argv[1::2], argv[2::2]))
    if "--export" in args and "--from" in args and "--head" in args:
        return check_export(args["--export"], int(args["--from"]), int(args["--head"]), args.get("--root"))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
