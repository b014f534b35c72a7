// Checks a gift in the donor's own browser (docs/ledger-hash.md, "Gift proofs"): the entry's chain line hashes to its
// hash, and the RFC 9162 audit path leads from that hash to the Merkle root of the published digest. Web Crypto only.
"use strict";
(function () {
  const enc = new TextEncoder();
  const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  const unhex = (s) => {
    if (!/^[0-9a-f]{64}$/.test(s)) throw new Error("不是 64 位十六进制哈希");
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
    return out;
  };
  const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const join = (prefix, a, b) => {
    const out = new Uint8Array(1 + a.length + (b ? b.length : 0));
    out[0] = prefix;
    out.set(a, 1);
    if (b) out.set(b, 1 + a.length);
    return out;
  };

  /** {ok, reason}: whether receipt r (the JSON of /public/v1/receipts/{no}) is proven in its digest's tree. */
  async function verifyReceipt(r) {
    if (!window.crypto || !crypto.subtle) return { ok: false, reason: "此浏览器不能在非 HTTPS 页面上计算哈希" };
    const line = [r.sequence, r.entryId, r.type, r.communityId, r.debitAccount, r.creditAccount, r.amountFen,
      r.occurredAt, r.recordedAt, r.reversalOf || "", r.prevHash].join("|");
    if (hex(await sha256(enc.encode(line))) !== r.hash) return { ok: false, reason: "条目内容与其哈希不符" };
    const p = r.proof;
    if (!p) return { ok: false, pending: true, reason: "尚未公布覆盖这笔捐款的摘要" };
    if (p.leafIndex !== r.sequence - p.digest.fromSequence || p.root !== p.digest.merkleRoot) {
      return { ok: false, reason: "证明与摘要不对应" };
    }
    let fn = p.leafIndex, sn = p.treeSize - 1;
    if (fn < 0 || fn > sn) return { ok: false, reason: "证明的位置不对" };
    let node = await sha256(join(0, unhex(r.hash)));
    for (const sibling of p.path) {
      if (sn === 0) return { ok: false, reason: "证明的路径过长" };
      const s = unhex(sibling);
      if ((fn & 1) === 1 || fn === sn) {
        node = await sha256(join(1, s, node));
        if ((fn & 1) === 0) {
          while ((fn & 1) === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
        }
      } else {
        node = await sha256(join(1, node, s));
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    }
    if (sn !== 0 || hex(node) !== p.root) return { ok: false, reason: "证明算出的根与公布的摘要不符" };
    return { ok: true, reason: "" };
  }
  window.verifyReceipt = verifyReceipt;

  const beijing = (utc) => new Date(utc).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false,
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

  async function checkOnPage() {
    const block = document.getElementById("proof");
    const out = document.getElementById("verify-result");
    if (!block || !out) return;
    let result;
    try {
      result = await verifyReceipt(JSON.parse(block.textContent));
    } catch (e) {
      result = { ok: false, reason: String(e.message || e) };
    }
    const r = JSON.parse(block.textContent);
    if (result.ok) {
      out.textContent = "✓ 已在您的浏览器中核验：这笔捐款在公开账本中，账本序号 " + r.sequence + "，属于截至序号 "
        + r.proof.digest.headSequence + " 的摘要（北京时间 " + beijing(r.proof.digest.at) + " 公布）。";
      out.dataset.state = "ok";
      const root = document.getElementById("proof-root");
      if (root) root.textContent = "摘要的默克尔根：" + r.proof.root + "；链头哈希：" + r.proof.digest.headHash;
    } else {
      out.textContent = "✗ 核验未通过：" + result.reason + "。请联系发起单位。";
      out.dataset.state = "failed";
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", checkOnPage);
  else checkOnPage();
})();
