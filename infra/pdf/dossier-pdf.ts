// The dossier (案卷) as a PDF a person can file: pdfkit with Noto Sans SC embedded (subset to the
// characters used, so Chinese renders on any reader and the text can be searched and copied).
// The font comes from the npm package @expo-google-fonts/noto-sans-sc (SIL Open Font License),
// so no system font is needed, in the image or with `npm start`.
import PDFDocument from 'pdfkit';

const FONT_PATH = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

export interface DossierPdfInput {
  generatedAt: string;
  generatedBy: string;
  case: { caseId: string; caseType: string; status: string; title: string; departmentCode: string; openedAt: string; closedAt: string | null };
  timeline: ReadonlyArray<{ at: string; termZh: string; termEn: string; by: { username: string | null; name: string | null; role: string | null; department: string | null } | null; outcome: string; source: string }>;
  audit: { records: ReadonlyArray<{ seq: string; at: string; action: string; actorUsername: string | null; outcome: string; hash: string; holds: boolean }>; allHold: boolean; chain: { ok: boolean; records: number; lastHash: string } };
  documents: ReadonlyArray<{ name: string; sha256: string; size: number; act: string; attachedBy: string }>;
  history: { source: string; sha256: string; runs: ReadonlyArray<{ runNo: number; runId: string; events: number; sha256: string; closedAs: string | null }> };
  replay: { deterministic: boolean; runs: number; events: number; finalStatus: string | null; error?: { eventId: number | null; message: string } | undefined };
}

function who(by: DossierPdfInput['timeline'][number]['by']): string {
  if (!by) return '系统 system';
  return [by.name ?? by.username, by.role, by.department].filter(Boolean).join(' · ');
}

/** The dossier as PDF bytes. */
export function renderDossierPdf(d: DossierPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `案卷 Dossier ${d.case.caseId}`, Author: '辽源市惠企服务系统', Subject: d.case.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', FONT_PATH);
  doc.font('cjk');
  const heading = (zh: string, en: string) => doc.moveDown(0.8).fontSize(13).text(`${zh}  ${en}`).moveDown(0.3).fontSize(9);
  const line = (text: string) => doc.text(text, { lineGap: 1 });

  doc.fontSize(18).text(`案卷 Case dossier ${d.case.caseId}`);
  doc.fontSize(9).text(`生成 Generated ${d.generatedAt} · ${d.generatedBy}`);
  heading('案件', 'Case');
  line(`${d.case.title}`);
  line(`类型 type ${d.case.caseType} · 状态 status ${d.case.status} · 部门 department ${d.case.departmentCode}`);
  line(`立案 opened ${d.case.openedAt} · 结案 closed ${d.case.closedAt ?? '—'}`);

  heading('核验', 'Verification');
  line(`重放 replay: ${d.replay.deterministic ? '一致 deterministic' : '不一致 NOT deterministic'} · ${d.replay.runs} runs · ${d.replay.events} events · final ${d.replay.finalStatus ?? '—'}`);
  if (d.replay.error) line(`首个分歧事件 first diverging event ${d.replay.error.eventId ?? '?'}: ${d.replay.error.message}`);
  line(`工作流历史 history (${d.history.source}) sha256 ${d.history.sha256}`);
  for (const r of d.history.runs) line(`  run ${r.runNo} ${r.runId} · ${r.events} events · ${r.closedAs ?? 'running'} · sha256 ${r.sha256}`);
  line(`审计链 audit chain: ${d.audit.chain.ok ? '完整 intact' : '损坏 BROKEN'} · ${d.audit.chain.records} records · head ${d.audit.chain.lastHash}`);
  line(`本案审计记录 this case's records: ${d.audit.records.length}, ${d.audit.allHold ? '哈希全部相符 every hash holds' : '有哈希不符 a hash does not hold'}`);

  heading('材料', 'Documents');
  if (d.documents.length === 0) line('无 none');
  for (const x of d.documents) line(`${x.name} · ${x.size} bytes · ${x.act} · ${x.attachedBy} · sha256 ${x.sha256}`);

  heading('时间线', 'Timeline');
  for (const t of d.timeline) line(`${t.at}  ${t.termZh} ${t.termEn}  — ${who(t.by)}${t.outcome === 'refused' ? '  [被拒 refused]' : ''}  (${t.source})`);

  heading('审计记录', 'Audit records');
  for (const r of d.audit.records) line(`#${r.seq} ${r.at} ${r.action} ${r.actorUsername ?? 'system'} ${r.outcome} ${r.holds ? '相符 holds' : '不符 DOES NOT HOLD'} ${r.hash}`);
  doc.end();
  return done;
}
