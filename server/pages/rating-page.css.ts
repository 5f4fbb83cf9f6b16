// The rating page's style: mobile first, system fonts (Noto CJK, PingFang, YaHei), large touch targets; text at
// least 4.5:1 against its ground and the controls' borders 3:1 (WCAG 1.4.3, 1.4.11).
export const RATING_PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f2f4f7;color:#1f2329;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
main{max-width:560px;margin:0 auto;padding:12px}
header{background:#c0262d;color:#fff;border-radius:10px;padding:14px 16px;margin-bottom:12px}
h1{font-size:20px;margin:0}
header p{margin:2px 0 0;opacity:.9;font-size:14px}
h2{font-size:17px;margin:18px 0 8px}
h2 small{font-weight:normal;color:#646a73;font-size:13px}
h3{font-size:14px;color:#646a73;margin:10px 0 4px;font-weight:normal}
.card{background:#fff;border-radius:10px;padding:12px 16px;margin-bottom:12px}
.card>h2:first-child{margin-top:4px}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:2px 12px;font-size:14px}
dt{color:#646a73}
dd{margin:0;word-break:break-all}
.levels{display:grid;gap:8px}
.level{display:block;width:100%;min-height:48px;border:2px solid #8f959e;border-radius:8px;background:#fff;font-size:18px;color:#1f2329}
.level[aria-pressed=true]{border-color:#c0262d;background:#fdecec;font-weight:bold}
.level[data-bad=true][aria-pressed=true]{border-color:#8f1d22;background:#8f1d22;color:#fff}
.chips{display:flex;flex-wrap:wrap;gap:8px}
.chip{position:relative}
.chip input{position:absolute;opacity:0;inset:0;margin:0}
.chip span{display:inline-block;padding:7px 12px;border:1px solid #8f959e;border-radius:18px;font-size:15px;background:#fff}
.chip input:checked+span{border-color:#c0262d;background:#c0262d;color:#fff}
.chip input:focus-visible+span,.level:focus-visible{outline:3px solid #3370ff}
.dims{display:grid;grid-template-columns:1fr 1fr;gap:8px}
label.field{display:block;font-size:14px;color:#646a73}
select,input[type=text],input[type=tel],textarea{display:block;width:100%;margin-top:4px;padding:10px;font:inherit;color:#1f2329;border:1px solid #8f959e;border-radius:8px;background:#fff}
.check{display:flex;gap:8px;align-items:flex-start;margin:14px 0 6px;font-size:15px}
.check input{width:20px;height:20px;margin-top:2px}
#contact{display:grid;gap:8px}
.error{background:#fdecec;color:#8f1d22;border-radius:8px;padding:10px 12px;margin:12px 0 0}
.submit{display:block;width:100%;min-height:50px;margin-top:16px;border:0;border-radius:8px;background:#c0262d;color:#fff;font-size:18px}
.submit:disabled{opacity:.6}
.done h2{color:#1a7f37}
.answer p{margin:4px 0}
.muted{color:#646a73;font-size:13px}
[hidden]{display:none!important}
footer{color:#646a73;font-size:12px;text-align:center;padding:8px 0 20px}
`;
