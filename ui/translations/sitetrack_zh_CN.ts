<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Reset the password of {}</source>
        <translation>重置 {} 的密码</translation>
    </message>
    <message>
        <source>Change the role of {}</source>
        <translation>更改 {} 的角色</translation>
    </message>
    <message>
        <source>Deactivate {}</source>
        <translation>停用 {}</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <source>One account per person, never shared. The temporary password is changed by its owner at the first sign-in.</source>
        <translation>每人一个账户，不得共用。临时密码由账户本人在首次登录时更改。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>e.g. n.nurse</source>
        <translation>例如 n.nurse</translation>
    </message>
    <message>
        <source>Name as printed on signatures</source>
        <translation>签名上打印的姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <source>{printed_name} will no longer sign in. The account is kept, with everything it did; its name is never reused.</source>
        <translation>{printed_name} 将无法再登录。该账户及其所有操作记录均予保留；账户名永不重复使用。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Give the reason</source>
        <translation>请填写原因</translation>
    </message>
    <message>
        <source>locked until {until}</source>
        <translation>锁定至 {until}</translation>
    </message>
    <message>
        <source>must change password</source>
        <translation>须更改密码</translation>
    </message>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Site Tracker: accounts and settings · {display_name}</source>
        <translation>Site Tracker：账户与设置 · {display_name}</translation>
    </message>
    <message>
        <source>Named accounts of the site (an administrator sees no patient data).</source>
        <translation>本中心的实名账户（管理员看不到患者数据）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>&amp;Add an account…</source>
        <translation>添加账户(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <source>Change r&amp;ole…</source>
        <translation>更改角色(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>停用(&amp;D)…</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Studies</source>
        <translation>研究</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Site &amp;time zone…</source>
        <translation>中心时区(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Idle lock after…</source>
        <translation>空闲锁定时间(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Verify audit trail</source>
        <translation>核验稽查轨迹(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Sign out and quit</source>
        <translation>登出并退出(&amp;S)</translation>
    </message>
    <message>
        <source>Choose an account in the list first</source>
        <translation>请先在列表中选择一个账户</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <source>Idle lock</source>
        <translation>空闲锁定</translation>
    </message>
    <message>
        <source>Lock the window after this many minutes without use:</source>
        <translation>无操作多少分钟后锁定窗口：</translation>
    </message>
    <message>
        <source>Windows lock after {minutes} idle minutes (from their next sign-in)</source>
        <translation>空闲 {minutes} 分钟后锁定窗口（自下次登录起生效）</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>稽查轨迹</translation>
    </message>
    <message>
        <source>The audit trail is intact: {count} entries.</source>
        <translation>稽查轨迹完整：共 {count} 条记录。</translation>
    </message>
    <message>
        <source>Mild</source>
        <translation>轻度</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>中度</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>重度</translation>
    </message>
    <message>
        <source>Life-threatening</source>
        <translation>危及生命</translation>
    </message>
    <message>
        <source>Death</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>{label}: give both the date and the time</source>
        <translation>{label}：请同时填写日期和时间</translation>
    </message>
    <message>
        <source>Derived from the grade history and the first dose when saved</source>
        <translation>保存时根据分级历史和首次给药推导</translation>
    </message>
    <message>
        <source>Yes: grade {baseline_grade} at the first dose, worse from {worsened_on} (grade {grade})</source>
        <translation>是：首次给药时为 {baseline_grade} 级，自 {worsened_on} 加重（{grade} 级）</translation>
    </message>
    <message>
        <source>Yes: began on treatment</source>
        <translation>是：治疗期间开始</translation>
    </message>
    <message>
        <source>No: grade {baseline_grade} at the first dose and no higher grade on treatment</source>
        <translation>否：首次给药时为 {baseline_grade} 级，治疗期间未加重</translation>
    </message>
    <message>
        <source>No: began outside the TEAE window (first dose to the end of safety follow-up)</source>
        <translation>否：开始于 TEAE 窗口之外（首次给药至安全性随访结束）</translation>
    </message>
    <message>
        <source>adverse event</source>
        <translation>不良事件</translation>
    </message>
    <message>
        <source>log an adverse event</source>
        <translation>记录不良事件</translation>
    </message>
    <message>
        <source>&lt;b&gt;{subject}&lt;/b&gt;&lt;br&gt;The CTCAE dictionary is not loaded (Tools ▸ Import the CTCAE dictionary): this AE is saved as &lt;b&gt;not coded&lt;/b&gt; and can be coded later.</source>
        <translation>&lt;b&gt;{subject}&lt;/b&gt;&lt;br&gt;尚未载入 CTCAE 词典（工具 ▸ 导入 CTCAE 词典）：此 AE 将保存为&lt;b&gt;未编码&lt;/b&gt;，稍后可再编码。</translation>
    </message>
    <message>
        <source>Event (verbatim)</source>
        <translation>事件（原文）</translation>
    </message>
    <message>
        <source>the investigator&apos;s words</source>
        <translation>研究者的原话</translation>
    </message>
    <message>
        <source>CTCAE term</source>
        <translation>CTCAE 术语</translation>
    </message>
    <message>
        <source>type a term, a SOC or a MedDRA code</source>
        <translation>输入术语、SOC 或 MedDRA 编码</translation>
    </message>
    <message>
        <source>Matching CTCAE terms</source>
        <translation>匹配的 CTCAE 术语</translation>
    </message>
    <message>
        <source>Specify (&apos;Other, specify&apos;)</source>
        <translation>请说明（“其他，请说明”）</translation>
    </message>
    <message>
        <source>Onset</source>
        <translation>发生</translation>
    </message>
    <message>
        <source>End (empty: ongoing)</source>
        <translation>结束（留空：持续中）</translation>
    </message>
    <message>
        <source>Pre-existing condition (before the first dose)</source>
        <translation>既往存在的情况（首次给药前）</translation>
    </message>
    <message>
        <source>Treatment-emergent</source>
        <translation>治疗期间出现</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <source>To (empty: still)</source>
        <translation>至（留空：仍持续）</translation>
    </message>
    <message>
        <source>Add a change of grade</source>
        <translation>添加分级变化</translation>
    </message>
    <message>
        <source>Remove the last</source>
        <translation>删除最后一行</translation>
    </message>
    <message>
        <source>Grade over time</source>
        <translation>分级随时间变化</translation>
    </message>
    <message>
        <source>Serious (SAE): report to the sponsor within {sae_report_hours} hours</source>
        <translation>严重（SAE）：须在 {sae_report_hours} 小时内报告申办方</translation>
    </message>
    <message>
        <source>SAE criteria</source>
        <translation>SAE 标准</translation>
    </message>
    <message>
        <source>Site aware at</source>
        <translation>中心获知时间</translation>
    </message>
    <message>
        <source>Reported to sponsor at</source>
        <translation>报告申办方时间</translation>
    </message>
    <message>
        <source>Related to the study drug</source>
        <translation>与研究药物的相关性</translation>
    </message>
    <message>
        <source>Action taken with the study drug</source>
        <translation>对研究药物采取的措施</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>转归</translation>
    </message>
    <message>
        <source>Dose-limiting toxicity (DLT)</source>
        <translation>剂量限制性毒性（DLT）</translation>
    </message>
    <message>
        <source>DLTs are assessed in Part 1, inside the DLT period</source>
        <translation>DLT 在第 1 部分的 DLT 观察期内评估</translation>
    </message>
    <message>
        <source>No DLTs in this part of the study</source>
        <translation>本研究部分不评估 DLT</translation>
    </message>
    <message>
        <source>&lt;i&gt;not coded&lt;/i&gt;</source>
        <translation>&lt;i&gt;未编码&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;no term chosen: the AE would be saved not coded&lt;/i&gt;</source>
        <translation>&lt;i&gt;未选择术语：此 AE 将保存为未编码&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{term}&lt;/b&gt; · {soc} · MedDRA {meddra_code}</source>
        <translation>&lt;b&gt;{term}&lt;/b&gt; · {soc} · MedDRA {meddra_code}</translation>
    </message>
    <message>
        <source>Grade row {row}: {exc}</source>
        <translation>分级第 {row} 行：{exc}</translation>
    </message>
    <message>
        <source>Choose the grade in row {row}</source>
        <translation>请选择第 {row} 行的分级</translation>
    </message>
    <message>
        <source>Give the date grade {grade} began</source>
        <translation>请填写 {grade} 级开始的日期</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Reported at</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <source>Site Tracker</source>
        <translation>Site Tracker</translation>
    </message>
    <message>
        <source>Something went wrong: {exc}

Nothing already saved was lost. </source>
        <translation>出现问题：{exc}

已保存的内容均未丢失。</translation>
    </message>
    <message>
        <source>The details are in {where}.</source>
        <translation>详情见 {where}。</translation>
    </message>
    <message>
        <source>Site Tracker demo</source>
        <translation>Site Tracker 演示</translation>
    </message>
    <message>
        <source>Making the demo&apos;s fictional patients…</source>
        <translation>正在生成演示用的虚构患者…</translation>
    </message>
    <message>
        <source>The demo could not be made: {exc}</source>
        <translation>无法生成演示数据库：{exc}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Edit patient</source>
        <translation>编辑患者</translation>
    </message>
    <message>
        <source>Enrol a patient</source>
        <translation>患者入组</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>研究</translation>
    </message>
    <message>
        <source>Subject ID</source>
        <translation>受试者编号</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>姓名缩写</translation>
    </message>
    <message>
        <source>e.g. ABC</source>
        <translation>例如 ABC</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>出生年份</translation>
    </message>
    <message>
        <source>e.g. 1961</source>
        <translation>例如 1961</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Study part</source>
        <translation>研究部分</translation>
    </message>
    <message>
        <source>Dose level (Part 1)</source>
        <translation>剂量水平（第 1 部分）</translation>
    </message>
    <message>
        <source>Cohort (Part 2)</source>
        <translation>队列（第 2 部分）</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>知情同意日期</translation>
    </message>
    <message>
        <source>Screening date</source>
        <translation>筛选日期</translation>
    </message>
    <message>
        <source>Planned first dose</source>
        <translation>计划首次给药</translation>
    </message>
    <message>
        <source>Patient {subject_id}</source>
        <translation>患者 {subject_id}</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
    <message>
        <source> at {rp2d}</source>
        <translation>，剂量 {rp2d}</translation>
    </message>
    <message>
        <source> (opens at the RP2D)</source>
        <translation>（以 RP2D 开放）</translation>
    </message>
    <message>
        <source>Year of birth &apos;{yob}&apos; is not a year</source>
        <translation>出生年份“{yob}”不是有效年份</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Open AEs to review:&lt;/b&gt; </source>
        <translation>&lt;br&gt;&lt;b&gt;待审阅的未结束 AE：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;No open adverse events to review.</source>
        <translation>&lt;br&gt;没有待审阅的未结束不良事件。</translation>
    </message>
    <message>
        <source>Cycle delayed by (days)</source>
        <translation>周期推迟（天）</translation>
    </message>
    <message>
        <source>e.g. 7</source>
        <translation>例如 7</translation>
    </message>
    <message>
        <source>&lt;b&gt;{subject} · {code} {label}&lt;/b&gt;&lt;br&gt;Window: {window}</source>
        <translation>&lt;b&gt;{subject} · {code} {label}&lt;/b&gt;&lt;br&gt;窗口：{window}</translation>
    </message>
    <message>
        <source>Booked date</source>
        <translation>预约日期</translation>
    </message>
    <message>
        <source>Booked time</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <source>Why outside the window</source>
        <translation>超出窗口的原因</translation>
    </message>
    <message>
        <source>only when booked outside the window</source>
        <translation>仅在预约超出窗口时填写</translation>
    </message>
    <message>
        <source>Not done yet</source>
        <translation>尚未完成</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Not done (missed)</source>
        <translation>未完成（缺失）</translation>
    </message>
    <message>
        <source>Actual date</source>
        <translation>实际日期</translation>
    </message>
    <message>
        <source>Actual time</source>
        <translation>实际时间</translation>
    </message>
    <message>
        <source>Why not done</source>
        <translation>未完成原因</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Delay reason</source>
        <translation>推迟原因</translation>
    </message>
    <message>
        <source>Dose level given</source>
        <translation>给予的剂量水平</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>给药</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Cycle delayed by: &apos;{text}&apos; is not a number of days (type the days as digits, e.g. 7)</source>
        <translation>周期推迟：“{text}”不是天数（请用数字输入天数，例如 7）</translation>
    </message>
    <message>
        <source>Screen failure</source>
        <translation>筛选失败</translation>
    </message>
    <message>
        <source>The patient consented but will not be dosed. They stay on record.</source>
        <translation>患者已签署知情同意但不会给药。其记录予以保留。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>e.g. eligibility: ANC too low</source>
        <translation>例如 入选标准：ANC 过低</translation>
    </message>
    <message>
        <source>Give the date</source>
        <translation>请填写日期</translation>
    </message>
    <message>
        <source>Unscheduled visit</source>
        <translation>计划外访视</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>e.g. toxicity check</source>
        <translation>例如 毒性检查</translation>
    </message>
    <message>
        <source>Give the date of the visit</source>
        <translation>请填写访视日期</translation>
    </message>
    <message>
        <source>{subject}: re-consent to an amendment</source>
        <translation>{subject}：对方案修订重新知情同意</translation>
    </message>
    <message>
        <source>Visits already done stay as they are; the visits still to come follow the amendment from the re-consent on.</source>
        <translation>已完成的访视保持不变；自重新知情同意起，后续访视按修订后的方案进行。</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>方案修订</translation>
    </message>
    <message>
        <source>Re-consent date</source>
        <translation>重新知情同意日期</translation>
    </message>
    <message>
        <source>Give the date of the re-consent</source>
        <translation>请填写重新知情同意的日期</translation>
    </message>
    <message>
        <source>End of treatment and disposition</source>
        <translation>治疗结束与受试者处置</translation>
    </message>
    <message>
        <source>Last dose</source>
        <translation>末次给药</translation>
    </message>
    <message>
        <source>Why treatment ended</source>
        <translation>治疗结束原因</translation>
    </message>
    <message>
        <source>Progression</source>
        <translation>疾病进展</translation>
    </message>
    <message>
        <source>Cause of death</source>
        <translation>死亡原因</translation>
    </message>
    <message>
        <source>Withdrawal of consent</source>
        <translation>撤回知情同意</translation>
    </message>
    <message>
        <source>Lost to follow-up</source>
        <translation>失访</translation>
    </message>
    <message>
        <source>New anticancer therapy started</source>
        <translation>开始新的抗肿瘤治疗</translation>
    </message>
    <message>
        <source>New therapy</source>
        <translation>新治疗</translation>
    </message>
    <message>
        <source>Ticked visits are recorded not done (missed) with the reason below; untick one (Space) to leave it open</source>
        <translation>勾选的访视将按下方原因记录为未完成（缺失）；取消勾选（空格键）则保持开放</translation>
    </message>
    <message>
        <source>Visits never recorded</source>
        <translation>从未记录的访视</translation>
    </message>
    <message>
        <source>Ended treatment</source>
        <translation>已结束治疗</translation>
    </message>
    <message>
        <source>Patient did not attend</source>
        <translation>患者未到访</translation>
    </message>
    <message>
        <source>Data not available</source>
        <translation>无可用数据</translation>
    </message>
    <message>
        <source>Death: {exc}</source>
        <translation>死亡：{exc}</translation>
    </message>
    <message>
        <source>Booked visits</source>
        <translation>已预约的访视</translation>
    </message>
    <message>
        <source>{message}.

Cancel them and save?</source>
        <translation>{message}。

取消这些访视并保存吗？</translation>
    </message>
    <message>
        <source>Survival follow-up contact</source>
        <translation>生存随访联系</translation>
    </message>
    <message>
        <source>Date of contact</source>
        <translation>联系日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Alive</source>
        <translation>存活</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>Date of death</source>
        <translation>死亡日期</translation>
    </message>
    <message>
        <source>Subsequent anticancer therapy</source>
        <translation>后续抗肿瘤治疗</translation>
    </message>
    <message>
        <source>Survival contact {contact_date}</source>
        <translation>生存联系 {contact_date}</translation>
    </message>
    <message>
        <source>Dose modification</source>
        <translation>剂量调整</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>调整内容</translation>
    </message>
    <message>
        <source>Last day held (a hold)</source>
        <translation>暂停给药的最后一天（暂停时）</translation>
    </message>
    <message>
        <source>New dose level</source>
        <translation>新剂量水平</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Caused by the AE</source>
        <translation>由该 AE 引起</translation>
    </message>
    <message>
        <source>{name} (onset {onset_text})</source>
        <translation>{name}（发生于 {onset_text}）</translation>
    </message>
    <message>
        <source>Give the day the modification starts</source>
        <translation>请填写调整开始的日期</translation>
    </message>
    <message>
        <source>Last day held</source>
        <translation>暂停给药的最后一天</translation>
    </message>
    <message>
        <source>Dispensing</source>
        <translation>发药</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Dispensed on</source>
        <translation>发药日期</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Tablets dispensed</source>
        <translation>发放片数</translation>
    </message>
    <message>
        <source>Returned on</source>
        <translation>归还日期</translation>
    </message>
    <message>
        <source>Tablets returned</source>
        <translation>归还片数</translation>
    </message>
    <message>
        <source>Missed doses (diary)</source>
        <translation>漏服次数（日记卡）</translation>
    </message>
    <message>
        <source>Dispensing, cycle {cycle}</source>
        <translation>发药，第 {cycle} 周期</translation>
    </message>
    <message>
        <source>held to </source>
        <translation>暂停至 </translation>
    </message>
    <message>
        <source>(ongoing)</source>
        <translation>（持续中）</translation>
    </message>
    <message>
        <source>{from_level} to {to_level}</source>
        <translation>{from_level} 至 {to_level}</translation>
    </message>
    <message>
        <source>Dose modification…</source>
        <translation>剂量调整…</translation>
    </message>
    <message>
        <source>Record a dose reduction, re-escalation or hold</source>
        <translation>记录减量、再次加量或暂停给药</translation>
    </message>
    <message>
        <source>Dispensing…</source>
        <translation>发药…</translation>
    </message>
    <message>
        <source>Record study drug dispensed for a cycle</source>
        <translation>记录一个周期发放的研究药物</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Adverse event</source>
        <translation>不良事件</translation>
    </message>
    <message>
        <source>Dose modifications</source>
        <translation>剂量调整</translation>
    </message>
    <message>
        <source>Enter or a double click opens the modification to correct it</source>
        <translation>按 Enter 或双击打开该调整以便更正</translation>
    </message>
    <message>
        <source>Dose modifications and holds</source>
        <translation>剂量调整与暂停给药</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Tablets out</source>
        <translation>发出片数</translation>
    </message>
    <message>
        <source>Tablets back</source>
        <translation>归还片数</translation>
    </message>
    <message>
        <source>Missed (diary)</source>
        <translation>漏服（日记卡）</translation>
    </message>
    <message>
        <source>Cycle compliance</source>
        <translation>周期依从性</translation>
    </message>
    <message>
        <source>Study drug dispensed</source>
        <translation>已发放的研究药物</translation>
    </message>
    <message>
        <source>Enter or a double click opens it: add what came back</source>
        <translation>按 Enter 或双击打开：填写归还情况</translation>
    </message>
    <message>
        <source>Study drug dispensed and returned</source>
        <translation>研究药物的发放与归还</translation>
    </message>
    <message>
        <source>This study&apos;s protocol has no [dosing] section: doses are recorded at the visits only.</source>
        <translation>本研究方案没有 [dosing] 部分：给药仅在访视中记录。</translation>
    </message>
    <message>
        <source>at the last dose ({last_dose})</source>
        <translation>末次给药时（{last_dose}）</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Dose level {when}: &lt;b&gt;{level_today}&lt;/b&gt;</source>
        <translation>剂量水平 {when}：&lt;b&gt;{level_today}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>enrolled at {enrolled_level}</source>
        <translation>入组剂量 {enrolled_level}</translation>
    </message>
    <message>
        <source>&lt;b&gt;held since {held_since}&lt;/b&gt;</source>
        <translation>&lt;b&gt;自 {held_since} 起暂停给药&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Dose {kind} from {start}</source>
        <translation>给药{kind}，自 {start}</translation>
    </message>
    <message>
        <source>Cycle {cycle} dispensing, lot {lot}</source>
        <translation>第 {cycle} 周期发药，批号 {lot}</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>{listing}: {rows}</source>
        <translation>{listing}：{rows}</translation>
    </message>
    <message>
        <source>{n} row</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>Export {listing}</source>
        <translation>导出{listing}</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Export this list…</source>
        <translation>导出此列表…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Set up Site Tracker</source>
        <translation>设置 Site Tracker</translation>
    </message>
    <message>
        <source>The first administrator</source>
        <translation>首位管理员</translation>
    </message>
    <message>
        <source>{display_name} is new. Create its first administrator: they add the site&apos;s named accounts (nurses, investigators, monitors) and change the site&apos;s settings. An administrator sees no patient data.</source>
        <translation>{display_name} 是新数据库。请创建首位管理员：由其添加本中心的实名账户（护士、研究者、监查员）并更改中心设置。管理员看不到患者数据。</translation>
    </message>
    <message>
        <source>e.g. r.admin</source>
        <translation>例如 r.admin</translation>
    </message>
    <message>
        <source>Name as printed</source>
        <translation>打印的姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <source>first administrator</source>
        <translation>首位管理员</translation>
    </message>
    <message>
        <source>The site</source>
        <translation>研究中心</translation>
    </message>
    <message>
        <source>Its name and number go on every worksheet and export.</source>
        <translation>中心名称和编号会出现在每份工作表和导出文件上。</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <source>e.g. Hôpital Saint-Louis, Paris</source>
        <translation>例如 北京协和医院</translation>
    </message>
    <message>
        <source>Site number</source>
        <translation>中心编号</translation>
    </message>
    <message>
        <source>e.g. 101</source>
        <translation>例如 101</translation>
    </message>
    <message>
        <source>site set up</source>
        <translation>中心已设置</translation>
    </message>
    <message>
        <source>The study</source>
        <translation>研究</translation>
    </message>
    <message>
        <source>Set up already: {studies}, from the protocol file that ships with Site Tracker. If the site runs another study, give its protocol file (TOML); leave it empty otherwise.</source>
        <translation>已设置：{studies}，来自 Site Tracker 自带的方案文件。如本中心开展其他研究，请提供其方案文件（TOML）；否则留空。</translation>
    </message>
    <message>
        <source>Protocol file</source>
        <translation>方案文件</translation>
    </message>
    <message>
        <source>optional: another study&apos;s .toml</source>
        <translation>可选：其他研究的 .toml</translation>
    </message>
    <message>
        <source>Protocol file (*.toml)</source>
        <translation>方案文件 (*.toml)</translation>
    </message>
    <message>
        <source>The CTCAE dictionary</source>
        <translation>CTCAE 词典</translation>
    </message>
    <message>
        <source>Adverse events are coded to NCI&apos;s CTCAE v5.0. Give the workbook you downloaded from NCI (CTCAE_v5.0.xlsx); it can also be imported later (Tools &gt; Import the CTCAE dictionary).</source>
        <translation>不良事件按 NCI 的 CTCAE v5.0 编码。请提供从 NCI 下载的工作簿（CTCAE_v5.0.xlsx）；也可稍后导入（工具 &gt; 导入 CTCAE 词典）。</translation>
    </message>
    <message>
        <source>CTCAE workbook</source>
        <translation>CTCAE 工作簿</translation>
    </message>
    <message>
        <source>optional: CTCAE_v5.0.xlsx</source>
        <translation>可选：CTCAE_v5.0.xlsx</translation>
    </message>
    <message>
        <source>NCI CTCAE (*.xlsx *.csv)</source>
        <translation>NCI CTCAE (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>CTCAE dictionary</source>
        <translation>CTCAE 词典</translation>
    </message>
    <message>
        <source>Loading {path}…</source>
        <translation>正在载入 {path}…</translation>
    </message>
    <message>
        <source>{total} terms loaded</source>
        <translation>已载入 {total} 个术语</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>A verified copy of the database is made every day it is opened. Choose where they go (a folder on another disk, or on the hospital&apos;s network, is safest) and how many to keep.</source>
        <translation>数据库在每个打开的日子都会生成一份经核验的副本。请选择存放位置（另一块磁盘或医院网络上的文件夹最安全）以及保留份数。</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>empty: beside the database</source>
        <translation>留空：与数据库放在一起</translation>
    </message>
    <message>
        <source>Daily backups to keep</source>
        <translation>保留的每日备份数</translation>
    </message>
    <message>
        <source>backups set up</source>
        <translation>备份已设置</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Site Tracker is set up. Finish opens the administrator&apos;s window: add the site&apos;s accounts there. Everything here can be changed later in Settings.</source>
        <translation>Site Tracker 已设置完毕。点击“完成”将打开管理员窗口：请在那里添加本中心的账户。此处的所有内容以后都可在“设置”中更改。</translation>
    </message>
    <message>
        <source>History…</source>
        <extracomment>the version of the record the dialog read (dialogs that edit a saved record set it) whether closing with something typed asks first (not for passwords: nothing is lost) the user guide&apos;s page for this window (F1 opens it) the field typing starts in on a new record, where it is not the first empty one (a choice comes first)</extracomment>
        <translation>历史…</translation>
    </message>
    <message>
        <source>Every change to this record: who, when, before and after, why (Ctrl+H)</source>
        <translation>此记录的每次更改：何人、何时、更改前后、原因（Ctrl+H）</translation>
    </message>
    <message>
        <source>Discard what you typed in this window?</source>
        <translation>放弃在此窗口中输入的内容？</translation>
    </message>
    <message>
        <source>Reason for change</source>
        <translation>更改原因</translation>
    </message>
    <message>
        <source>why saved data is changed (kept in the audit trail)</source>
        <translation>更改已保存数据的原因（记入稽查轨迹）</translation>
    </message>
    <message>
        <source>Contents</source>
        <extracomment>the pages in the guide&apos;s order: (file name without .md, title)</extracomment>
        <translation>目录</translation>
    </message>
    <message>
        <source>Book or record a visit</source>
        <translation>预约或记录访视</translation>
    </message>
    <message>
        <source>A PK day</source>
        <translation>PK 采样日</translation>
    </message>
    <message>
        <source>Log an adverse event</source>
        <translation>记录不良事件</translation>
    </message>
    <message>
        <source>Record a scan</source>
        <translation>记录扫描</translation>
    </message>
    <message>
        <source>End treatment and follow-up</source>
        <translation>结束治疗与随访</translation>
    </message>
    <message>
        <source>Print the clinic day</source>
        <translation>打印门诊日</translation>
    </message>
    <message>
        <source>Correct a record, the audit trail</source>
        <translation>更正记录与稽查轨迹</translation>
    </message>
    <message>
        <source>Deviations</source>
        <translation>方案偏离</translation>
    </message>
    <message>
        <source>Dosing: modifications and dispensing</source>
        <translation>给药：剂量调整与发药</translation>
    </message>
    <message>
        <source>Dose escalation</source>
        <translation>剂量递增</translation>
    </message>
    <message>
        <source>Sign as the investigator</source>
        <translation>以研究者身份签名</translation>
    </message>
    <message>
        <source>Studies and amendments</source>
        <translation>研究与方案修订</translation>
    </message>
    <message>
        <source>Settings and setting up</source>
        <translation>设置与初始设置</translation>
    </message>
    <message>
        <source>Site Tracker: user guide</source>
        <translation>Site Tracker：用户指南</translation>
    </message>
    <message>
        <source>Pages of the guide</source>
        <translation>指南页面</translation>
    </message>
    <message>
        <source>User &amp;guide</source>
        <translation>用户指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About Site Tracker</source>
        <translation>关于 Site Tracker(&amp;A)</translation>
    </message>
    <message>
        <source>When ({zone})</source>
        <translation>时间（{zone}）</translation>
    </message>
    <message>
        <source>{when} UTC</source>
        <translation>{when} UTC</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>何人</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>更改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>更改后</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>受试者</translation>
    </message>
    <message>
        <source>History: {title}</source>
        <translation>历史：{title}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;: every change, newest first, with who made it and why.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;：每次更改，最新的在前，含更改人及原因。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;: no change yet.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;：尚无更改。</translation>
    </message>
    <message>
        <source>History of {title}</source>
        <translation>{title} 的历史</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Find in the audit trail</source>
        <translation>在稽查轨迹中查找</translation>
    </message>
    <message>
        <source>Words in the record, field, values or reason</source>
        <translation>记录、字段、值或原因中的文字</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>All studies</source>
        <translation>所有研究</translation>
    </message>
    <message>
        <source> (the newest; narrow the filters to see older ones)</source>
        <translation>（最新的；缩小筛选范围可查看更早的）</translation>
    </message>
    <message>
        <source>{n} change</source>
        <translation>{n} 次更改</translation>
    </message>
    <message>
        <source>{n} changes</source>
        <translation>{n} 次更改</translation>
    </message>
    <message>
        <source>Find in the history</source>
        <translation>在历史中查找</translation>
    </message>
    <message>
        <source>Filter: words in the record, field, values, reason or who</source>
        <translation>筛选：记录、字段、值、原因或人员中的文字</translation>
    </message>
    <message>
        <source>The patient&apos;s history</source>
        <translation>患者的历史</translation>
    </message>
    <message>
        <source>{subject_id} history</source>
        <translation>{subject_id} 的历史</translation>
    </message>
    <message>
        <source>Site Tracker is locked</source>
        <translation>Site Tracker 已锁定</translation>
    </message>
    <message>
        <source>Locked after {minutes} minutes without use. {name} continues with their password; what was being typed is kept. Anyone else signs out.</source>
        <translation>已在 {minutes} 分钟无操作后锁定。{name} 输入密码即可继续，正在输入的内容会保留。其他人请登出。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>登出</translation>
    </message>
    <message>
        <source>Sign in to Site Tracker</source>
        <translation>登录 Site Tracker</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Database: {display_name}.</source>
        <translation>数据库：{display_name}。</translation>
    </message>
    <message>
        <source>
DEMO: fictional accounts, one per role, each with the password &apos;demo&apos;: </source>
        <translation>
演示：虚构账户，每个角色一个，密码均为“demo”：</translation>
    </message>
    <message>
        <source>&amp;Verify the audit trail</source>
        <translation>核查稽查轨迹(&amp;V)</translation>
    </message>
    <message>
        <source>Give your account name</source>
        <translation>请填写您的账户名</translation>
    </message>
    <message>
        <source>Your password was reset: choose your own to go on</source>
        <translation>您的密码已被重置：请设置您自己的密码后继续</translation>
    </message>
    <message>
        <source>Choose your password</source>
        <translation>设置您的密码</translation>
    </message>
    <message>
        <source>At least 8 characters and not a common password; a phrase of a few words is easy to remember and hard to guess.</source>
        <translation>至少 8 个字符且不能是常见密码；由几个词组成的短语既好记又难猜。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>The two new passwords differ</source>
        <translation>两次输入的新密码不一致</translation>
    </message>
    <message>
        <source>Export visits to a calendar</source>
        <translation>将访视导出到日历</translation>
    </message>
    <message>
        <source>iCalendar file (*.ics)</source>
        <translation>iCalendar 文件 (*.ics)</translation>
    </message>
    <message>
        <source>{n} visit</source>
        <translation>{n} 次访视</translation>
    </message>
    <message>
        <source>{n} visits</source>
        <translation>{n} 次访视</translation>
    </message>
    <message>
        <source>Export CDISC ODM 1.3.2</source>
        <translation>导出 CDISC ODM 1.3.2</translation>
    </message>
    <message>
        <source>ODM XML file (*.xml)</source>
        <translation>ODM XML 文件 (*.xml)</translation>
    </message>
    <message>
        <source>{n} subject in ODM 1.3.2</source>
        <translation>ODM 1.3.2 中 {n} 名受试者</translation>
    </message>
    <message>
        <source>{n} subjects in ODM 1.3.2</source>
        <translation>ODM 1.3.2 中 {n} 名受试者</translation>
    </message>
    <message>
        <source>Import patients</source>
        <translation>导入患者</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx)</source>
        <translation>电子表格 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>

Import them now?</source>
        <translation>

现在导入吗？</translation>
    </message>
    <message>
        <source>&amp;Enrol a patient…</source>
        <translation>患者入组(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;deviations…</source>
        <translation>导出方案偏离(&amp;D)…</translation>
    </message>
    <message>
        <source>Export visits to a &amp;calendar (.ics)…</source>
        <translation>将访视导出到日历(&amp;C) (.ics)…</translation>
    </message>
    <message>
        <source>Booked and due visits for Outlook or another calendar: subject IDs and visit codes only</source>
        <translation>供 Outlook 或其他日历使用的已预约和到期访视：仅含受试者编号和访视代码</translation>
    </message>
    <message>
        <source>Export CDISC &amp;ODM 1.3.2 (.xml)…</source>
        <translation>导出 CDISC ODM 1.3.2(&amp;O) (.xml)…</translation>
    </message>
    <message>
        <source>Each study&apos;s metadata and clinical data, with the audit trail&apos;s last change of each value and the signatures</source>
        <translation>每项研究的元数据和临床数据，附各数值在稽查轨迹中的最后一次更改及签名</translation>
    </message>
    <message>
        <source>&amp;Import patients from a spreadsheet…</source>
        <translation>从电子表格导入患者(&amp;I)…</translation>
    </message>
    <message>
        <source>Patients and their past visits from a CSV or XLSX file: checked first, then all or nothing</source>
        <translation>从 CSV 或 XLSX 文件导入患者及其既往访视：先检查，然后全部导入或全部不导入</translation>
    </message>
    <message>
        <source>&amp;Back up the database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore a backup into a new file…</source>
        <translation>将备份恢复到新文件(&amp;R)…</translation>
    </message>
    <message>
        <source>Daily backups to &amp;keep…</source>
        <translation>保留的每日备份数(&amp;K)…</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>更改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Sign &amp;out / switch user…</source>
        <translation>注销/切换用户(&amp;O)…</translation>
    </message>
    <message>
        <source>Back to the sign-in window for the next person at this computer (the program stays open)</source>
        <translation>返回登录窗口，供这台电脑的下一位用户使用（程序保持打开）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>This workstation&apos;s paper and worklist; the site&apos;s name, idle lock and backups</source>
        <translation>本工作站的纸张和工作清单；中心名称、空闲锁定和备份</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>稽查轨迹(&amp;A)…</translation>
    </message>
    <message>
        <source>Every change at the site: who, when, what, before and after, why</source>
        <translation>本中心的每次更改：何人、何时、何事、更改前后、原因</translation>
    </message>
    <message>
        <source>Import the &amp;CTCAE dictionary…</source>
        <translation>导入 CTCAE 词典(&amp;C)…</translation>
    </message>
    <message>
        <source>Load NCI&apos;s CTCAE v5.0 workbook (.xlsx) or a CSV export</source>
        <translation>载入 NCI 的 CTCAE v5.0 工作簿（.xlsx）或 CSV 导出文件</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source> (DEMO)</source>
        <translation>（演示）</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>工作清单</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Adverse events</source>
        <translation>不良事件</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>疗效</translation>
    </message>
    <message>
        <source>PK samples</source>
        <translation>PK 样本</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>剂量递增</translation>
    </message>
    <message>
        <source>To sign</source>
        <translation>待签名</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Database: {display_name}</source>
        <translation>数据库：{display_name}</translation>
    </message>
    <message>
        <source>User: {actor}</source>
        <translation>用户：{actor}</translation>
    </message>
    <message>
        <source>Today: {today}</source>
        <translation>今天：{today}</translation>
    </message>
    <message>
        <source>DEMO: fictional patients</source>
        <translation>演示：虚构患者</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Site Tracker database (*.sqlite)</source>
        <translation>Site Tracker 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <source>Backed up to {path}: {holds}, checked (integrity and audit trail). A manifest describing it is beside it.</source>
        <translation>已备份到 {path}：{holds}，已检查（完整性和稽查轨迹）。描述该备份的清单文件在其旁边。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Site Tracker backup (*.sqlite)</source>
        <translation>Site Tracker 备份 (*.sqlite)</translation>
    </message>
    <message>
        <source>Restore into a new file</source>
        <translation>恢复到新文件</translation>
    </message>
    <message>
        <source>{backup} has no manifest beside it: nothing shows it is the file that was backed up. Restore it anyway, relying only on the checks of its content?</source>
        <translation>{backup} 旁边没有清单文件：无法证明它就是当初备份的文件。仍要恢复，仅依靠对其内容的检查吗？</translation>
    </message>
    <message>
        <source>Restored into {target}: {holds}. Checked:
{checks}
The database in use was not changed. To work in the restored copy, start Site Tracker with: sitetrack --db sqlite:///{target}</source>
        <translation>已恢复到 {target}：{holds}。已检查：
{checks}
正在使用的数据库未被更改。要在恢复的副本中工作，请用以下命令启动 Site Tracker：sitetrack --db sqlite:///{target}</translation>
    </message>
    <message>
        <source>Restored WITHOUT its manifest.</source>
        <translation>已在没有清单文件的情况下恢复。</translation>
    </message>
    <message>
        <source>Daily backups</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <source>Keep the newest daily backups (one a day):</source>
        <translation>保留最新的每日备份（每天一份）：</translation>
    </message>
    <message>
        <source>The newest {keep} daily backups are kept</source>
        <translation>保留最新的 {keep} 份每日备份</translation>
    </message>
    <message>
        <source>Your password is changed</source>
        <translation>您的密码已更改</translation>
    </message>
    <message>
        <source>Clock times are shown in {zone}</source>
        <translation>时钟时间以 {zone} 显示</translation>
    </message>
    <message>
        <source>Import the CTCAE dictionary</source>
        <translation>导入 CTCAE 词典</translation>
    </message>
    <message>
        <source>NCI CTCAE workbook or CSV (*.xlsx *.csv)</source>
        <translation>NCI CTCAE 工作簿或 CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Reading {path} and loading its terms…</source>
        <translation>正在读取 {path} 并载入其术语…</translation>
    </message>
    <message>
        <source>{exc}

The dictionary already loaded was left as it was.</source>
        <translation>{exc}

已载入的词典保持不变。</translation>
    </message>
    <message>
        <source>About Site Tracker</source>
        <translation>关于 Site Tracker</translation>
    </message>
    <message>
        <source>Site Tracker {version}

</source>
        <translation>Site Tracker {version}

</translation>
    </message>
    <message>
        <source>

Database: {display_name}</source>
        <translation>

数据库：{display_name}</translation>
    </message>
    <message>
        <source>{what} (entered in error: {removed_reason})</source>
        <extracomment>the item data role holding a row&apos;s visit code (None for an unscheduled visit)</extracomment>
        <translation>{what}（录入错误：{removed_reason}）</translation>
    </message>
    <message>
        <source>Entered in error</source>
        <translation>录入错误</translation>
    </message>
    <message>
        <source>{code}  Unscheduled: {unscheduled_reason}</source>
        <translation>{code}  计划外：{unscheduled_reason}</translation>
    </message>
    <message>
        <source> · delayed {delay_days} d ({delay_reason})</source>
        <translation> · 推迟 {delay_days} 天（{delay_reason}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{what}&lt;/b&gt; leaves every listing and analysis. It stays on record, shown struck through with &lt;i&gt;Show entered in error&lt;/i&gt;, with your name, the time and the reason, in the audit trail.</source>
        <translation>&lt;b&gt;{what}&lt;/b&gt; 将从所有列表和分析中移除。记录仍会保留：勾选&lt;i&gt;显示录入错误&lt;/i&gt;时以删除线显示，并在稽查轨迹中记下您的姓名、时间和原因。</translation>
    </message>
    <message>
        <source>Why it was entered in error</source>
        <translation>录入错误的原因</translation>
    </message>
    <message>
        <source>AE {name}, onset {onset_text}</source>
        <translation>AE {name}，发生于 {onset_text}</translation>
    </message>
    <message>
        <source>Survival contact of {contact_date}</source>
        <translation>{contact_date} 的生存联系</translation>
    </message>
    <message>
        <source>Scan of {day}</source>
        <translation>{day} 的扫描</translation>
    </message>
    <message>
        <source>{name}, grade {current_grade} since {since}</source>
        <translation>{name}，自 {since} 起为 {current_grade} 级</translation>
    </message>
    <message>
        <source> (worst {worst_grade})</source>
        <translation>（最高 {worst_grade} 级）</translation>
    </message>
    <message>
        <source>Record visit…</source>
        <translation>记录访视…</translation>
    </message>
    <message>
        <source>Book or record the selected visit (Enter)</source>
        <translation>预约或记录所选访视（Enter）</translation>
    </message>
    <message>
        <source>Worksheet…</source>
        <translation>工作表…</translation>
    </message>
    <message>
        <source>Preview, print or save the selected visit&apos;s source-document worksheet</source>
        <translation>预览、打印或保存所选访视的源文件工作表</translation>
    </message>
    <message>
        <source>PK samples…</source>
        <translation>PK 样本…</translation>
    </message>
    <message>
        <source>Dose time and PK tubes of the selected visit</source>
        <translation>所选访视的给药时间和 PK 采样管</translation>
    </message>
    <message>
        <source>Unscheduled visit…</source>
        <translation>计划外访视…</translation>
    </message>
    <message>
        <source>End of treatment…</source>
        <translation>治疗结束…</translation>
    </message>
    <message>
        <source>Last dose, progression, death, withdrawal of consent, lost to follow-up, new therapy</source>
        <translation>末次给药、疾病进展、死亡、撤回知情同意、失访、新治疗</translation>
    </message>
    <message>
        <source>Survival contact…</source>
        <translation>生存联系…</translation>
    </message>
    <message>
        <source>Edit patient…</source>
        <translation>编辑患者…</translation>
    </message>
    <message>
        <source>Screen failure…</source>
        <translation>筛选失败…</translation>
    </message>
    <message>
        <source>Re-consent…</source>
        <translation>重新知情同意…</translation>
    </message>
    <message>
        <source>Record the patient&apos;s consent to an amendment of the protocol</source>
        <translation>记录患者对方案修订的知情同意</translation>
    </message>
    <message>
        <source>Entered in error…</source>
        <translation>录入错误…</translation>
    </message>
    <message>
        <source>Mark the AE, scan, survival contact or unscheduled visit selected as entered in error (kept, with why)</source>
        <translation>将所选的 AE、扫描、生存联系或计划外访视标记为录入错误（保留记录并注明原因）</translation>
    </message>
    <message>
        <source>Show entered in error</source>
        <translation>显示录入错误</translation>
    </message>
    <message>
        <source>Show cancelled visits</source>
        <translation>显示已取消的访视</translation>
    </message>
    <message>
        <source>Calendar of visits</source>
        <translation>访视日历</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>访视</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标日期</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Protocol version</source>
        <translation>方案版本</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>New anticancer therapy</source>
        <translation>新的抗肿瘤治疗</translation>
    </message>
    <message>
        <source>&lt;b&gt;Survival contacts&lt;/b&gt;</source>
        <translation>&lt;b&gt;生存联系&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Dead ({death_date})</source>
        <translation>死亡（{death_date}）</translation>
    </message>
    <message>
        <source>Subsequent therapy</source>
        <translation>后续治疗</translation>
    </message>
    <message>
        <source>survival contacts</source>
        <translation>生存联系</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>随访</translation>
    </message>
    <message>
        <source>Log an adverse event…</source>
        <translation>记录不良事件…</translation>
    </message>
    <message>
        <source>adverse events</source>
        <translation>不良事件</translation>
    </message>
    <message>
        <source>Dosing</source>
        <translation>给药</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Part {part} · </source>
        <translation>第 {part} 部分 · </translation>
    </message>
    <message>
        <source>cohort {cohort} at {dose}</source>
        <translation>队列 {cohort}，剂量 {dose}</translation>
    </message>
    <message>
        <source>dose level {dose}</source>
        <translation>剂量水平 {dose}</translation>
    </message>
    <message>
        <source> · left on Study Day {days_on_study} ({left_study})</source>
        <translation> · 于研究第 {days_on_study} 天退出（{left_study}）</translation>
    </message>
    <message>
        <source> · Study Day {days_on_study}</source>
        <translation> · 研究第 {days_on_study} 天</translation>
    </message>
    <message>
        <source> · first dose {first_dose}</source>
        <translation> · 首次给药 {first_dose}</translation>
    </message>
    <message>
        <source> · planned first dose {planned_first_dose}</source>
        <translation> · 计划首次给药 {planned_first_dose}</translation>
    </message>
    <message>
        <source>born {year_of_birth}</source>
        <translation>{year_of_birth} 年出生</translation>
    </message>
    <message>
        <source>&lt;br&gt;Screen failure on {screen_fail_date}: {screen_fail_reason}</source>
        <translation>&lt;br&gt;{screen_fail_date} 筛选失败：{screen_fail_reason}</translation>
    </message>
    <message>
        <source>{aes}, {open_count} ongoing</source>
        <translation>{aes}，{open_count} 例持续中</translation>
    </message>
    <message>
        <source>{n} AE</source>
        <translation>{n} 例 AE</translation>
    </message>
    <message>
        <source>{n} AEs</source>
        <translation>{n} 例 AE</translation>
    </message>
    <message>
        <source>No adverse events logged</source>
        <translation>未记录不良事件</translation>
    </message>
    <message>
        <source>No calendar yet: set the planned first dose (Edit patient…) to build it.</source>
        <translation>尚无日历：设置计划首次给药（编辑患者…）即可生成。</translation>
    </message>
    <message>
        <source>This patient has no calendar.</source>
        <translation>该患者没有日历。</translation>
    </message>
    <message>
        <source>Show cancelled visits ({hidden} hidden)</source>
        <translation>显示已取消的访视（已隐藏 {hidden} 个）</translation>
    </message>
    <message>
        <source>Select a visit in the calendar first</source>
        <translation>请先在日历中选择一次访视</translation>
    </message>
    <message>
        <source>Grade 5 adverse event</source>
        <translation>5 级不良事件</translation>
    </message>
    <message>
        <source>Grade 5 means the patient died. Record the death now (date and cause)?</source>
        <translation>5 级表示患者已死亡。现在记录死亡（日期和原因）吗？</translation>
    </message>
    <message>
        <source>Timepoint</source>
        <translation>时间点</translation>
    </message>
    <message>
        <source>Due at</source>
        <translation>应采时间</translation>
    </message>
    <message>
        <source>Collected (HH:MM)</source>
        <translation>采集时间（HH:MM）</translation>
    </message>
    <message>
        <source>Deviation</source>
        <translation>偏差</translation>
    </message>
    <message>
        <source>Not collected: why</source>
        <translation>未采集：原因</translation>
    </message>
    <message>
        <source>Sample ID</source>
        <translation>样本编号</translation>
    </message>
    <message>
        <source>Patient refused</source>
        <extracomment>why a tube was not collected, offered in its cell (any other reason is typed as it is)</extracomment>
        <translation>患者拒绝</translation>
    </message>
    <message>
        <source>Difficult venous access</source>
        <translation>静脉穿刺困难</translation>
    </message>
    <message>
        <source>Sample not drawn in time</source>
        <translation>未按时采样</translation>
    </message>
    <message>
        <source>Patient not available</source>
        <translation>患者不在</translation>
    </message>
    <message>
        <source>Haemolysed or spoilt sample</source>
        <translation>样本溶血或损坏</translation>
    </message>
    <message>
        <source>Other: </source>
        <translation>其他: </translation>
    </message>
    <message>
        <source>PK samples: {code}</source>
        <translation>PK 样本：{code}</translation>
    </message>
    <message>
        <source>Times count from this visit&apos;s dose.</source>
        <translation>时间从本次访视的给药起算。</translation>
    </message>
    <message>
        <source>Times count from the {dose_of} dose ({dose_at}).</source>
        <translation>时间从 {dose_of} 的给药起算（{dose_at}）。</translation>
    </message>
    <message>
        <source>not recorded yet</source>
        <translation>尚未记录</translation>
    </message>
    <message>
        <source>Dose date</source>
        <translation>给药日期</translation>
    </message>
    <message>
        <source>Dose time</source>
        <translation>给药时间</translation>
    </message>
    <message>
        <source>Type the reason or pick a usual one (Alt+Down lists them)</source>
        <translation>输入原因或选择常用原因（Alt+下箭头列出）</translation>
    </message>
    <message>
        <source>Print tube labels…</source>
        <translation>打印采样管标签…</translation>
    </message>
    <message>
        <source>A PDF of this visit&apos;s tube labels: sample ID and Code128 barcode</source>
        <translation>本次访视采样管标签的 PDF：样本编号和 Code128 条形码</translation>
    </message>
    <message>
        <source>{subject_id} {code}: PK samples</source>
        <translation>{subject_id} {code}：PK 样本</translation>
    </message>
    <message>
        <source>{earliest:%H:%M} to {latest:%H:%M}</source>
        <translation>{earliest:%H:%M} 至 {latest:%H:%M}</translation>
    </message>
    <message>
        <source>Enter the dose time to see when each tube is due.</source>
        <translation>输入给药时间以查看每管的应采时间。</translation>
    </message>
    <message>
        <source>impossible time</source>
        <translation>不可能的时间</translation>
    </message>
    <message>
        <source>no such time (clocks changed)</source>
        <translation>不存在的时间（时钟调整）</translation>
    </message>
    <message>
        <source>not a time (HH:MM)</source>
        <translation>不是时间（HH:MM）</translation>
    </message>
    <message>
        <source>  OUT OF TOLERANCE</source>
        <translation>  超出允许偏差</translation>
    </message>
    <message>
        <source>{tube}: say what the other reason was (after &apos;Other:&apos;)</source>
        <translation>{tube}：请说明其他原因（写在“其他:”之后）</translation>
    </message>
    <message>
        <source>Enter the dose time first: the samples count from it</source>
        <translation>请先输入给药时间：样本时间从此起算</translation>
    </message>
    <message>
        <source>Tube labels</source>
        <translation>采样管标签</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {problem}</source>
        <translation>无法写入 {path}：{problem}</translation>
    </message>
    <message>
        <source>{n} labels written to {path}</source>
        <translation>已将 {n} 张标签写入 {path}</translation>
    </message>
    <message>
        <source>yes, worsened {worsened_on} (was grade {baseline_grade})</source>
        <translation>是，{worsened_on} 加重（原为 {baseline_grade} 级）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no (grade {baseline_grade} at the first dose, not worse)</source>
        <translation>否（首次给药时为 {baseline_grade} 级，未加重）</translation>
    </message>
    <message>
        <source>{current_grade} since {since}</source>
        <translation>自 {since} 起 {current_grade} 级</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Worst grade</source>
        <translation>最高分级</translation>
    </message>
    <message>
        <source>Current grade</source>
        <translation>当前分级</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>持续中</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>SAE · </source>
        <translation>SAE · </translation>
    </message>
    <message>
        <source>Related</source>
        <translation>相关性</translation>
    </message>
    <message>
        <source>Coded</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>not coded</source>
        <translation>未编码</translation>
    </message>
    <message>
        <source>No adverse events</source>
        <translation>没有不良事件</translation>
    </message>
    <message>
        <source>Log AEs from a patient&apos;s page (Adverse events tab).</source>
        <translation>在患者页面记录 AE（不良事件标签页）。</translation>
    </message>
    <message>
        <source>TEAE summary for</source>
        <translation>TEAE 汇总范围</translation>
    </message>
    <message>
        <source>For</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Export the TEAE summary…</source>
        <translation>导出 TEAE 汇总…</translation>
    </message>
    <message>
        <source>TEAE summary</source>
        <translation>TEAE 汇总</translation>
    </message>
    <message>
        <source>TEAE summary by SOC, term and worst grade</source>
        <translation>按 SOC、术语和最高分级的 TEAE 汇总</translation>
    </message>
    <message>
        <source>{shown} of {aes}; {saes} SAEs, {late} reported late or overdue</source>
        <translation>{aes} 中显示 {shown} 例；SAE {saes} 例，{late} 例迟报或逾期</translation>
    </message>
    <message>
        <source>TEAE summary ({written} rows)</source>
        <translation>TEAE 汇总（{written} 行）</translation>
    </message>
    <message>
        <source>Export the TEAE summary</source>
        <translation>导出 TEAE 汇总</translation>
    </message>
    <message>
        <source>{what} written to {path}</source>
        <translation>已将{what}写入 {path}</translation>
    </message>
    <message>
        <source>Review a deviation</source>
        <extracomment>the log&apos;s columns that hold the app&apos;s own words (the others hold what was recorded)</extracomment>
        <translation>审阅方案偏离</translation>
    </message>
    <message>
        <source>&lt;b&gt;{subject_id} · {what}&lt;/b&gt; ({study})&lt;br&gt;{word} on {day}: {detail}</source>
        <translation>&lt;b&gt;{subject_id} · {what}&lt;/b&gt;（{study}）&lt;br&gt;{day} {word}：{detail}</translation>
    </message>
    <message>
        <source>&lt;br&gt;Recorded why: {reason}</source>
        <translation>&lt;br&gt;记录的原因：{reason}</translation>
    </message>
    <message>
        <source>Important (may affect the patient&apos;s safety, rights or the data&apos;s reliability)</source>
        <translation>重要（可能影响患者的安全、权益或数据的可靠性）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Kind of deviation</source>
        <translation>偏离类型</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>审阅状态</translation>
    </message>
    <message>
        <source>New and reviewed</source>
        <translation>新的和已审阅的</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已审阅</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>The deviations shown, to CSV or XLSX (Ctrl+E)</source>
        <translation>将显示的方案偏离导出为 CSV 或 XLSX（Ctrl+E）</translation>
    </message>
    <message>
        <source>Enter or a double click reviews the deviation</source>
        <translation>按 Enter 或双击审阅该方案偏离</translation>
    </message>
    <message>
        <source>No deviations</source>
        <translation>没有方案偏离</translation>
    </message>
    <message>
        <source>Nothing the rules can see went outside the protocol, or none matches the filters.</source>
        <translation>规则未发现任何超出方案的情况，或没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>{deviations} shown, {new} not reviewed yet, {important} important</source>
        <translation>显示 {deviations}，{new} 条尚未审阅，{important} 条重要</translation>
    </message>
    <message>
        <source>{n} deviation</source>
        <translation>{n} 条方案偏离</translation>
    </message>
    <message>
        <source>{n} deviations</source>
        <translation>{n} 条方案偏离</translation>
    </message>
    <message>
        <source>Open slots</source>
        <translation>开放名额</translation>
    </message>
    <message>
        <source>Dose level</source>
        <translation>剂量水平</translation>
    </message>
    <message>
        <source>Slots opened</source>
        <translation>已开放名额</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>开放日期</translation>
    </message>
    <message>
        <source>Sponsor&apos;s reference</source>
        <translation>申办方参考编号</translation>
    </message>
    <message>
        <source>letter, e-mail or IWRS message that opened them</source>
        <translation>开放名额的信函、电子邮件或 IWRS 消息</translation>
    </message>
    <message>
        <source>SMC decision</source>
        <translation>SMC 决定</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Minutes reference</source>
        <translation>会议纪要编号</translation>
    </message>
    <message>
        <source>DLT review</source>
        <translation>DLT 审阅</translation>
    </message>
    <message>
        <source>&lt;b&gt;{subject_id}&lt;/b&gt; at {dose_level}. Derived: {value} ({why}).</source>
        <translation>&lt;b&gt;{subject_id}&lt;/b&gt;，剂量 {dose_level}。推导结果：{value}（{why}）。</translation>
    </message>
    <message>
        <source>DLT-evaluable</source>
        <translation>可评估 DLT</translation>
    </message>
    <message>
        <source>Had a DLT in the DLT period</source>
        <translation>DLT 观察期内发生 DLT</translation>
    </message>
    <message>
        <source>DLT review of {subject_id}</source>
        <translation>{subject_id} 的 DLT 审阅</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>未审阅</translation>
    </message>
    <message>
        <source>{evaluable}, {dlt} ({reviewed_by}, {day})</source>
        <translation>{evaluable}，{dlt}（{reviewed_by}，{day}）</translation>
    </message>
    <message>
        <source>DLT</source>
        <translation>DLT</translation>
    </message>
    <message>
        <source>no DLT</source>
        <translation>无 DLT</translation>
    </message>
    <message>
        <source>Open slots…</source>
        <translation>开放名额…</translation>
    </message>
    <message>
        <source>Record slots the sponsor opened at a dose level</source>
        <translation>记录申办方在某剂量水平开放的名额</translation>
    </message>
    <message>
        <source>SMC decision…</source>
        <translation>SMC 决定…</translation>
    </message>
    <message>
        <source>Record the SMC&apos;s decision as the sponsor sent it</source>
        <translation>按申办方发送的内容记录 SMC 的决定</translation>
    </message>
    <message>
        <source>DLT review…</source>
        <translation>DLT 审阅…</translation>
    </message>
    <message>
        <source>Review the selected patient at the end of the DLT period</source>
        <translation>在 DLT 观察期结束时审阅所选患者</translation>
    </message>
    <message>
        <source>The dose-escalation summary, to CSV or XLSX</source>
        <translation>剂量递增汇总，导出为 CSV 或 XLSX</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开放</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>已入组</translation>
    </message>
    <message>
        <source>With a DLT</source>
        <translation>发生 DLT</translation>
    </message>
    <message>
        <source>Dose levels</source>
        <translation>剂量水平</translation>
    </message>
    <message>
        <source>Dose-escalation summary</source>
        <translation>剂量递增汇总</translation>
    </message>
    <message>
        <source>Evaluable</source>
        <translation>可评估</translation>
    </message>
    <message>
        <source>DLT period ends</source>
        <translation>DLT 观察期结束</translation>
    </message>
    <message>
        <source>Investigator&apos;s review</source>
        <translation>研究者审阅</translation>
    </message>
    <message>
        <source>Part 1 patients</source>
        <translation>第 1 部分患者</translation>
    </message>
    <message>
        <source>Enter or a double click reviews the patient&apos;s DLT period</source>
        <translation>按 Enter 或双击审阅该患者的 DLT 观察期</translation>
    </message>
    <message>
        <source>Part 1 patients (Enter: DLT review)</source>
        <translation>第 1 部分患者（Enter：DLT 审阅）</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <source>SMC decisions</source>
        <translation>SMC 决定</translation>
    </message>
    <message>
        <source>SMC decisions (Enter: correct one)</source>
        <translation>SMC 决定（Enter：更正）</translation>
    </message>
    <message>
        <source>No dose escalation</source>
        <translation>无剂量递增</translation>
    </message>
    <message>
        <source>This study&apos;s protocol has no [escalation] section.</source>
        <translation>本研究方案没有 [escalation] 部分。</translation>
    </message>
    <message>
        <source> RP2D declared: {rp2d}: Part 2 enrols at it.</source>
        <translation> 已宣布 RP2D：{rp2d}；第 2 部分按此剂量入组。</translation>
    </message>
    <message>
        <source> No RP2D declared yet: Part 2 is not open.</source>
        <translation> 尚未宣布 RP2D：第 2 部分未开放。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{study}&lt;/b&gt;: {design} dose escalation, {enrolled} in Part 1.</source>
        <translation>&lt;b&gt;{study}&lt;/b&gt;：{design} 剂量递增，第 1 部分共 {enrolled}。</translation>
    </message>
    <message>
        <source>{n} patient</source>
        <translation>{n} 名患者</translation>
    </message>
    <message>
        <source>{n} patients</source>
        <translation>{n} 名患者</translation>
    </message>
    <message>
        <source>&lt;br&gt;Select a patient to review first.</source>
        <translation>&lt;br&gt;请先选择要审阅的患者。</translation>
    </message>
    <message>
        <source>Dose-escalation summary and DLT review list</source>
        <translation>剂量递增汇总与 DLT 审阅列表</translation>
    </message>
    <message>
        <source>Export the dose-escalation summary</source>
        <translation>导出剂量递增汇总</translation>
    </message>
    <message>
        <source>Enrol a patient (Ctrl+N) to build their calendar: the first thing to do on a new database.</source>
        <translation>让患者入组（Ctrl+N）以生成其日历：新数据库的第一步。</translation>
    </message>
    <message>
        <source>Find a patient</source>
        <translation>查找患者</translation>
    </message>
    <message>
        <source>Find a patient: subject ID or initials (Ctrl+F)</source>
        <translation>查找患者：受试者编号或姓名缩写（Ctrl+F）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Part, dose level or cohort</source>
        <translation>部分、剂量水平或队列</translation>
    </message>
    <message>
        <source>Enrol a patient…</source>
        <translation>患者入组…</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Part {part}</source>
        <translation>第 {part} 部分</translation>
    </message>
    <message>
        <source>Dose level / cohort</source>
        <translation>剂量水平 / 队列</translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation>下次访视</translation>
    </message>
    <message>
        <source>No patients yet</source>
        <translation>尚无患者</translation>
    </message>
    <message>
        <source>All parts and cohorts</source>
        <translation>所有部分和队列</translation>
    </message>
    <message>
        <source>Part {number}</source>
        <translation>第 {number} 部分</translation>
    </message>
    <message>
        <source>Cohort {code}</source>
        <translation>队列 {code}</translation>
    </message>
    <message>
        <source>No patient matches</source>
        <translation>没有匹配的患者</translation>
    </message>
    <message>
        <source>Check the subject ID or initials, or clear the search.</source>
        <translation>请检查受试者编号或姓名缩写，或清除搜索。</translation>
    </message>
    <message>
        <source>All samples</source>
        <extracomment>a sample&apos;s row opened: its visit&apos;s PK samples, to see or correct (patient, visit)</extracomment>
        <translation>所有样本</translation>
    </message>
    <message>
        <source>Out of tolerance or not collected</source>
        <translation>超出允许偏差或未采集</translation>
    </message>
    <message>
        <source>Nominal</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <source>{deviation_min:+.0f} min</source>
        <translation>{deviation_min:+.0f} 分钟</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Enter or a double click opens the visit&apos;s PK samples</source>
        <translation>按 Enter 或双击打开该访视的 PK 样本</translation>
    </message>
    <message>
        <source>No PK samples yet</source>
        <translation>尚无 PK 样本</translation>
    </message>
    <message>
        <source>Record a PK visit&apos;s dose time and tubes from the patient page (PK samples…).</source>
        <translation>在患者页面记录 PK 访视的给药时间和采样管（PK 样本…）。</translation>
    </message>
    <message>
        <source>{samples} shown, {out} out of tolerance or not collected</source>
        <translation>显示 {samples}，{out} 个超出允许偏差或未采集</translation>
    </message>
    <message>
        <source>{n} sample</source>
        <translation>{n} 个样本</translation>
    </message>
    <message>
        <source>{n} samples</source>
        <translation>{n} 个样本</translation>
    </message>
    <message>
        <source>Export PK samples</source>
        <translation>导出 PK 样本</translation>
    </message>
    <message>
        <source>{n} PK sample</source>
        <translation>{n} 个 PK 样本</translation>
    </message>
    <message>
        <source>{n} PK samples</source>
        <translation>{n} 个 PK 样本</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>signature of {day} broken: changed outside the app</source>
        <translation>{day} 的签名已失效：记录在应用之外被更改</translation>
    </message>
    <message>
        <source>changed since signed on {day}</source>
        <translation>自 {day} 签名后已更改</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一项</translation>
    </message>
    <message>
        <source>The previous item (Page Up, Alt+P)</source>
        <translation>上一项（Page Up，Alt+P）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一项</translation>
    </message>
    <message>
        <source>The next item (Page Down, Alt+N)</source>
        <translation>下一项（Page Down，Alt+N）</translation>
    </message>
    <message>
        <source>Open the record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <source>Open the patient whose record this is (Ctrl+O)</source>
        <translation>打开此记录所属的患者（Ctrl+O）</translation>
    </message>
    <message>
        <source>Item {number} of {total}: {kind} of {subject_id}, {what} ({when}), {state}.</source>
        <translation>第 {number} 项，共 {total} 项：{subject_id} 的{kind}，{what}（{when}），{state}。</translation>
    </message>
    <message>
        <source>signed now</source>
        <translation>刚刚已签名</translation>
    </message>
    <message>
        <source>Signing as {signer}, in this sitting: the password is asked again after {minutes} minutes without a signature.</source>
        <translation>以 {signer} 的身份在本次签名中签名：{minutes} 分钟内未签名将再次要求输入密码。</translation>
    </message>
    <message>
        <source>Signing as {signer}: your password again makes this your signature, and the next ones of this sitting.</source>
        <translation>以 {signer} 的身份签名：再次输入您的密码，即为本项及本次后续各项的签名。</translation>
    </message>
    <message>
        <source>version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>What you sign</source>
        <translation>您所签署的内容</translation>
    </message>
    <message>
        <source>Computed by the app from these values</source>
        <translation>应用根据这些数值计算的结果</translation>
    </message>
    <message>
        <source>Last signature</source>
        <translation>上次签名</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>签名含义</translation>
    </message>
    <message>
        <source>Any age</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <source>Older than 7 days</source>
        <translation>超过 7 天</translation>
    </message>
    <message>
        <source>Older than 30 days</source>
        <translation>超过 30 天</translation>
    </message>
    <message>
        <source>Older than 90 days</source>
        <translation>超过 90 天</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Review and sign…</source>
        <translation>审阅并签名…</translation>
    </message>
    <message>
        <source>Review the selected items one after another and sign them with one password (Enter)</source>
        <translation>逐项审阅所选项目，并用一次密码签名（Enter）</translation>
    </message>
    <message>
        <source>Sign all shown…</source>
        <translation>签署所有显示项…</translation>
    </message>
    <message>
        <source>Review every item shown one after another and sign them with one password (Ctrl+Shift+S)</source>
        <translation>逐项审阅所有显示的项目，并用一次密码签名（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Nothing to sign</source>
        <translation>没有待签名的内容</translation>
    </message>
    <message>
        <source>Every AE assessment, DLT decision, tumour response and visit is signed as it stands.</source>
        <translation>所有 AE 评估、DLT 决定、肿瘤疗效和访视均已按现状签名。</translation>
    </message>
    <message>
        <source>Every kind ({count})</source>
        <translation>所有类型（{count}）</translation>
    </message>
    <message>
        <source>{kind} ({count})</source>
        <translation>{kind}（{count}）</translation>
    </message>
    <message>
        <source>{rows} to sign, oldest first</source>
        <translation>{rows} 项待签名，最早的在前</translation>
    </message>
    <message>
        <source>; {stale} changed since signed</source>
        <translation>；{stale} 项签名后已更改</translation>
    </message>
    <message>
        <source>Select the items to sign (Shift or Ctrl with the arrows or a click), or sign all shown (Ctrl+Shift+S)</source>
        <translation>请选择要签名的项目（按住 Shift 或 Ctrl 配合方向键或单击），或签署所有显示项（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Signed: {count} of {total}</source>
        <translation>已签名：{count} / {total}</translation>
    </message>
    <message>
        <source>Worksheets…</source>
        <translation>工作表…</translation>
    </message>
    <message>
        <source>Record…</source>
        <translation>记录…</translation>
    </message>
    <message>
        <source>Preview and print the worksheets of the selected visits (of a day you pick when none is selected)</source>
        <translation>预览并打印所选访视的工作表（未选择时为您选择的某一天的访视）</translation>
    </message>
    <message>
        <source>Record the visit selected in any list of Today</source>
        <translation>记录在“今天”任一列表中所选的访视</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>  · PK</source>
        <translation>  · PK</translation>
    </message>
    <message>
        <source>not booked</source>
        <translation>未预约</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Booked today and tomorrow</source>
        <translation>今明两天已预约</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Windows closing today</source>
        <translation>今天关闭的窗口</translation>
    </message>
    <message>
        <source>SAEs not yet reported to the sponsor</source>
        <translation>尚未报告申办方的 SAE</translation>
    </message>
    <message>
        <source>Enrol a patient (Ctrl+N): their visits then show here, booked, due and overdue.</source>
        <translation>让患者入组（Ctrl+N）：其访视随后显示在这里，包括已预约、到期和逾期的访视。</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:14pt&apos;&gt;&lt;b&gt;{day}&lt;/b&gt;&lt;/span&gt; · {booked} booked today and tomorrow ({pk_days} with PK) · {overdue} overdue · {closing_today} closing today · {sae_reports} SAEs not yet reported</source>
        <translation>&lt;span style=&apos;font-size:14pt&apos;&gt;&lt;b&gt;{day}&lt;/b&gt;&lt;/span&gt; · 今明两天已预约 {booked} 次（{pk_days} 次含 PK） · 逾期 {overdue} 次 · 今天关闭 {closing_today} 个 · 未报告 SAE {sae_reports} 例</translation>
    </message>
    <message>
        <source>Select a visit to record (booked, overdue or closing today)</source>
        <translation>请选择要记录的访视（已预约、逾期或今天窗口关闭）</translation>
    </message>
    <message>
        <source>Worksheets of a clinic day</source>
        <translation>某一门诊日的工作表</translation>
    </message>
    <message>
        <source>The worksheets of every visit booked that day, every study, in the order the patients come.</source>
        <translation>当天预约的每个访视（所有研究）的工作表，按患者到达的顺序排列。</translation>
    </message>
    <message>
        <source>Clinic day</source>
        <translation>门诊日</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <source>Give the clinic day (DD-MMM-YYYY)</source>
        <translation>请填写门诊日（DD-MMM-YYYY）</translation>
    </message>
    <message>
        <source>Nothing is booked on {day}: pick another day</source>
        <translation>{day} 没有预约：请选择另一天</translation>
    </message>
    <message>
        <source>Due within</source>
        <translation>到期范围</translation>
    </message>
    <message>
        <source>Days ahead</source>
        <translation>未来天数</translation>
    </message>
    <message>
        <source>All parts</source>
        <translation>所有部分</translation>
    </message>
    <message>
        <source>All cohorts</source>
        <translation>所有队列</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任何状态</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>Window closes today</source>
        <translation>窗口今天关闭</translation>
    </message>
    <message>
        <source>Not booked</source>
        <translation>未预约</translation>
    </message>
    <message>
        <source>Preview, print or save the worksheets of the selected visits (Ctrl or Shift to select several)</source>
        <translation>预览、打印或保存所选访视的工作表（按 Ctrl 或 Shift 多选）</translation>
    </message>
    <message>
        <source>Window ends</source>
        <translation>窗口结束</translation>
    </message>
    <message>
        <source> · closes today</source>
        <translation> · 今天关闭</translation>
    </message>
    <message>
        <source>Loading the worklist…</source>
        <translation>正在载入工作清单…</translation>
    </message>
    <message>
        <source>Select the visits to print first</source>
        <translation>请先选择要打印的访视</translation>
    </message>
    <message>
        <source>{visits}, {overdue} overdue</source>
        <translation>{visits}，逾期 {overdue} 次</translation>
    </message>
    <message>
        <source>Nobody is due</source>
        <translation>没有到期的访视</translation>
    </message>
    <message>
        <source>No visit window is open or opens in the chosen days. Widen the days, or enrol a patient.</source>
        <translation>所选天数内没有开放或将开放的访视窗口。请扩大天数，或让患者入组。</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>no: {note}</source>
        <translation>否：{note}</translation>
    </message>
    <message>
        <source> (baseline {baseline})</source>
        <translation>（基线 {baseline}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;No assessment after the baseline yet&lt;/b&gt;{since}: the best overall response stays NE (not evaluable) until the first follow-up scan; PFS counts from the first dose, not given yet.</source>
        <translation>&lt;b&gt;基线后尚无评估&lt;/b&gt;{since}：在首次随访扫描之前，最佳总体缓解保持为 NE（不可评估）；PFS 从首次给药起计算，目前尚未给药。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No assessment after the baseline yet&lt;/b&gt;{since}: the best overall response stays NE (not evaluable) until the first follow-up scan. PFS is censored at day 1 ({first_dose}, the first dose), as the censoring rule in force says for a patient with no assessment after baseline; it will change at the first scan.</source>
        <translation>&lt;b&gt;基线后尚无评估&lt;/b&gt;{since}：在首次随访扫描之前，最佳总体缓解保持为 NE（不可评估）。按现行删失规则，基线后无评估的患者的 PFS 在第 1 天（{first_dose}，首次给药）删失；首次扫描后将会改变。</translation>
    </message>
    <message>
        <source>Record a scan…</source>
        <extracomment>a scan was saved: the page around refreshes (the scan completes its visit)</extracomment>
        <translation>记录扫描…</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Sum (mm)</source>
        <translation>直径总和（mm）</translation>
    </message>
    <message>
        <source>vs baseline</source>
        <translation>较基线</translation>
    </message>
    <message>
        <source>vs nadir</source>
        <translation>较最低值</translation>
    </message>
    <message>
        <source>Non-target</source>
        <translation>非靶病灶</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体疗效</translation>
    </message>
    <message>
        <source>Counts?</source>
        <translation>计入？</translation>
    </message>
    <message>
        <source>Scans and their responses</source>
        <translation>扫描及其疗效</translation>
    </message>
    <message>
        <source>Enter or a double click opens the scan to correct it</source>
        <translation>按 Enter 或双击打开该扫描以便更正</translation>
    </message>
    <message>
        <source>No scans yet: record the baseline scan.</source>
        <translation>尚无扫描：请记录基线扫描。</translation>
    </message>
    <message>
        <source>The calendar has no C1D1 yet to count the days from.</source>
        <translation>日历中尚无用于计算天数的 C1D1。</translation>
    </message>
    <message>
        <source>Best overall response: &lt;b&gt;{best_overall_response}&lt;/b&gt;</source>
        <translation>最佳总体疗效：&lt;b&gt;{best_overall_response}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>confirmed {confirmed_on}</source>
        <translation>{confirmed_on} 确认</translation>
    </message>
    <message>
        <source>first progression {first_progression_date}</source>
        <translation>首次进展 {first_progression_date}</translation>
    </message>
    <message>
        <source>PFS {months:.1f} months ({why})</source>
        <translation>PFS {months:.1f} 个月（{why}）</translation>
    </message>
    <message>
        <source>Scan saved; responses re-evaluated</source>
        <translation>扫描已保存；疗效已重新评估</translation>
    </message>
    <message>
        <source>Scan corrected; responses re-evaluated</source>
        <translation>扫描已更正；疗效已重新评估</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>ORR (confirmed)</source>
        <translation>ORR（经确认）</translation>
    </message>
    <message>
        <source>Median PFS</source>
        <translation>中位 PFS</translation>
    </message>
    <message>
        <source>Median PFS (all events)</source>
        <translation>中位 PFS（所有事件）</translation>
    </message>
    <message>
        <source>Median DOR</source>
        <translation>中位 DOR</translation>
    </message>
    <message>
        <source>Median OS</source>
        <translation>中位 OS</translation>
    </message>
    <message>
        <source>Results:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>Results for</source>
        <translation>结果范围</translation>
    </message>
    <message>
        <source>Save this picture…</source>
        <translation>保存此图…</translation>
    </message>
    <message>
        <source>Results by group</source>
        <translation>按组别的结果</translation>
    </message>
    <message>
        <source>DLTs per dose level (Part 1, DLT period)</source>
        <translation>各剂量水平的 DLT（第 1 部分，DLT 观察期）</translation>
    </message>
    <message>
        <source>DLTs by dose level</source>
        <translation>按剂量水平的 DLT</translation>
    </message>
    <message>
        <source>Patients dosed</source>
        <translation>已给药患者</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Tumour assessments</source>
        <translation>肿瘤评估</translation>
    </message>
    <message>
        <source>Counts for best response</source>
        <translation>计入最佳疗效</translation>
    </message>
    <message>
        <source>Why, or confirmation</source>
        <translation>原因或确认</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Working out the study&apos;s results…</source>
        <translation>正在计算研究结果…</translation>
    </message>
    <message>
        <source>The study&apos;s results could not be worked out: {worked}</source>
        <translation>无法计算研究结果：{worked}</translation>
    </message>
    <message>
        <source>No dosed patient with scans yet: record scans on a patient&apos;s Response tab.</source>
        <translation>尚无有扫描的已给药患者：请在患者的疗效标签页中记录扫描。</translation>
    </message>
    <message>
        <source>{n} dosed patients · confirmed ORR &lt;b&gt;{orr}&lt;/b&gt; · DCR &lt;b&gt;{dcr}&lt;/b&gt; · median PFS {pfs_months} · median OS {os_months} · median DOR {dor_months} (Kaplan-Meier)</source>
        <translation>已给药患者 {n} 名 · 经确认 ORR &lt;b&gt;{orr}&lt;/b&gt; · DCR &lt;b&gt;{dcr}&lt;/b&gt; · 中位 PFS {pfs_months} · 中位 OS {os_months} · 中位 DOR {dor_months}（Kaplan-Meier）</translation>
    </message>
    <message>
        <source>no responders</source>
        <translation>无缓解者</translation>
    </message>
    <message>
        <source>The pictures could not be drawn: {problem}</source>
        <translation>无法绘制图表：{problem}</translation>
    </message>
    <message>
        <source>Save the {name} plot</source>
        <translation>保存 {name} 图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>{file}: save the picture as .png or .pdf</source>
        <translation>{file}：请将图片保存为 .png 或 .pdf</translation>
    </message>
    <message>
        <source>Save the picture</source>
        <translation>保存图片</translation>
    </message>
    <message>
        <source>Cannot write {path}: {exc}</source>
        <translation>无法写入 {path}：{exc}</translation>
    </message>
    <message>
        <source>{name} plot written to {path}</source>
        <translation>已将 {name} 图写入 {path}</translation>
    </message>
    <message>
        <source>Lesion</source>
        <translation>病灶</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Organ</source>
        <translation>器官</translation>
    </message>
    <message>
        <source>Lymph node</source>
        <translation>淋巴结</translation>
    </message>
    <message>
        <source>Too small</source>
        <translation>太小</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>Non-target status</source>
        <translation>非靶病灶状态</translation>
    </message>
    <message>
        <source>{subject}: tumour assessment</source>
        <translation>{subject}：肿瘤评估</translation>
    </message>
    <message>
        <source>&lt;b&gt;{subject}&lt;/b&gt; · RECIST 1.1: at most 5 targets, 2 per organ; non-nodal targets 10 mm or more, nodal 15 mm short axis or more. Too small to measure counts 5 mm; gone counts 0 mm.</source>
        <translation>&lt;b&gt;{subject}&lt;/b&gt; · RECIST 1.1：靶病灶最多 5 个，每个器官最多 2 个；非淋巴结靶病灶 10 mm 及以上，淋巴结短径 15 mm 及以上。太小无法测量按 5 mm 计；消失按 0 mm 计。</translation>
    </message>
    <message>
        <source>Scan date</source>
        <translation>扫描日期</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <source>PET-CT</source>
        <translation>PET-CT</translation>
    </message>
    <message>
        <source>X-ray</source>
        <translation>X 线</translation>
    </message>
    <message>
        <source>Baseline scan (chooses the target and non-target lesions)</source>
        <translation>基线扫描（确定靶病灶和非靶病灶）</translation>
    </message>
    <message>
        <source>New lesion(s) found</source>
        <translation>发现新病灶</translation>
    </message>
    <message>
        <source>Investigator&apos;s overall response (only without lesions)</source>
        <translation>研究者评估的总体疗效（仅在无病灶记录时）</translation>
    </message>
    <message>
        <source>Lesions</source>
        <translation>病灶</translation>
    </message>
    <message>
        <source>Add a target lesion</source>
        <translation>添加靶病灶</translation>
    </message>
    <message>
        <source>Add a non-target lesion</source>
        <translation>添加非靶病灶</translation>
    </message>
    <message>
        <source>{subject}: scan {date}</source>
        <translation>{subject}：{date} 扫描</translation>
    </message>
    <message>
        <source>Lesion {lid}: &apos;{text}&apos; is not a size in mm</source>
        <translation>病灶 {lid}：“{text}”不是以 mm 为单位的大小</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter（信纸）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&lt;b&gt;This workstation&lt;/b&gt;</source>
        <translation>&lt;b&gt;本工作站&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Paper for worksheets</source>
        <translation>工作表纸张</translation>
    </message>
    <message>
        <source>Language (from the next start)</source>
        <translation>语言（下次启动时生效）</translation>
    </message>
    <message>
        <source>The system&apos;s ({language})</source>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>Worklist looks ahead</source>
        <translation>工作清单展望</translation>
    </message>
    <message>
        <source>&lt;b&gt;This site&lt;/b&gt; (every workstation; kept with the data, in the audit trail)</source>
        <translation>&lt;b&gt;本中心&lt;/b&gt;（所有工作站；与数据一起保存，记入稽查轨迹）</translation>
    </message>
    <message>
        <source>Site name (on worksheets and exports)</source>
        <translation>中心名称（用于工作表和导出文件）</translation>
    </message>
    <message>
        <source>Country (ISO 3166-1 alpha-3, for SDTM)</source>
        <translation>国家（ISO 3166-1 三字母代码，用于 SDTM）</translation>
    </message>
    <message>
        <source>e.g. FRA</source>
        <translation>例如 FRA</translation>
    </message>
    <message>
        <source>Lock the window after</source>
        <translation>窗口锁定时间</translation>
    </message>
    <message>
        <source> idle minutes</source>
        <translation> 分钟无操作后</translation>
    </message>
    <message>
        <source>Calendar reminder (iCalendar export)</source>
        <translation>日历提醒（iCalendar 导出）</translation>
    </message>
    <message>
        <source>beside the database</source>
        <translation>与数据库放在一起</translation>
    </message>
    <message>
        <source>The site&apos;s settings are changed by an administrator.</source>
        <translation>中心设置由管理员更改。</translation>
    </message>
    <message>
        <source>Settings saved. Site Tracker opens in {language} from its next start.</source>
        <translation>设置已保存。Site Tracker 下次启动时将使用{language}。</translation>
    </message>
    <message>
        <source>Site time zone</source>
        <translation>中心时区</translation>
    </message>
    <message>
        <source>Doses, PK tubes and SAE times are typed and shown on this clock (now {current}). Times already saved are instants: they do not move, they are shown on the new clock.</source>
        <translation>给药、PK 采样管和 SAE 的时间按此时钟输入和显示（当前为 {current}）。已保存的时间是确定的时刻：不会移动，只是按新时钟显示。</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>e.g. set for this site</source>
        <translation>例如 为本中心设置</translation>
    </message>
    <message>
        <source>Give the site&apos;s time zone, e.g. Europe/Paris</source>
        <translation>请填写中心时区，例如 Asia/Shanghai</translation>
    </message>
    <message>
        <source>the study&apos;s protocol file (.toml)</source>
        <translation>研究的方案文件（.toml）</translation>
    </message>
    <message>
        <source>Protocol files (*.toml)</source>
        <translation>方案文件 (*.toml)</translation>
    </message>
    <message>
        <source>Give the protocol file</source>
        <translation>请提供方案文件</translation>
    </message>
    <message>
        <source>Add a study</source>
        <translation>添加研究</translation>
    </message>
    <message>
        <source>The file is checked whole and kept in the database; its first version applies from the start. A study already here is amended instead.</source>
        <translation>文件会被完整检查并保存在数据库中；其第一版自开始起适用。已存在的研究则作为方案修订处理。</translation>
    </message>
    <message>
        <source>Amend {code}</source>
        <translation>修订 {code}</translation>
    </message>
    <message>
        <source>{code} follows {label} (from {applies_from}). Patients consented on or after the date below follow the amendment at once; the others when their re-consent is recorded. Visits done never move.</source>
        <translation>{code} 目前遵循 {label}（自 {applies_from} 起）。在下列日期当天或之后签署知情同意的患者立即遵循修订；其他患者在记录重新知情同意后遵循。已完成的访视永不移动。</translation>
    </message>
    <message>
        <source>Applies from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Preview the changes (F5)</source>
        <translation>预览更改（F5）</translation>
    </message>
    <message>
        <source>What the amendment changes, patient by patient</source>
        <translation>修订对每位患者的影响</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Give the date the amendment applies from</source>
        <translation>请填写修订的生效日期</translation>
    </message>
    <message>
        <source>{label}, applying from {effective}:</source>
        <translation>{label}，自 {effective} 起生效：</translation>
    </message>
    <message>
        <source>when re-consented</source>
        <translation>重新知情同意后</translation>
    </message>
    <message>
        <source>{changed} of {patients} have visits to come that change.</source>
        <translation>{patients} 中有 {changed} 名的后续访视会改变。</translation>
    </message>
    <message>
        <source>Assign an account to {code}</source>
        <translation>为 {code} 分配账户</translation>
    </message>
    <message>
        <source>An account assigned to any study sees only its studies&apos; patients, and enters data where its role there allows.</source>
        <translation>分配到某项研究的账户只能看到其所分配研究的患者，并按其在该研究中的角色录入数据。</translation>
    </message>
    <message>
        <source>Role in this study</source>
        <translation>在本研究中的角色</translation>
    </message>
    <message>
        <source>Take an account off {code}</source>
        <translation>从 {code} 移除账户</translation>
    </message>
    <message>
        <source>Protocol versions</source>
        <translation>方案版本</translation>
    </message>
    <message>
        <source>{label} (from {applies_from})</source>
        <translation>{label}（自 {applies_from} 起）</translation>
    </message>
    <message>
        <source>every account</source>
        <translation>所有账户</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Add a &amp;study…</source>
        <translation>添加研究(&amp;S)…</translation>
    </message>
    <message>
        <source>A&amp;mend…</source>
        <translation>修订(&amp;M)…</translation>
    </message>
    <message>
        <source>Assign an a&amp;ccount…</source>
        <translation>分配账户(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Take off…</source>
        <translation>移除(&amp;T)…</translation>
    </message>
    <message>
        <source>Choose a study in the list first</source>
        <translation>请先在列表中选择一项研究</translation>
    </message>
    <message>
        <source>No account is assigned to {code}</source>
        <translation>没有账户分配到 {code}</translation>
    </message>
    <message>
        <source>Entered in error: {reason}</source>
        <translation>录入错误：{reason}</translation>
    </message>
    <message>
        <source>AE assessment (relationship and grade)</source>
        <translation>AE 评估（相关性和分级）</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>消失</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>All adverse events</source>
        <translation>所有不良事件</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>As planned</source>
        <translation>按计划</translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation>已评估</translation>
    </message>
    <message>
        <source>Assessment outside its window</source>
        <translation>评估超出窗口</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>Changed by someone else while you were editing: close the window and open it again</source>
        <translation>在您编辑期间已被他人更改：请关闭窗口后重新打开</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>门诊</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>DLT decision</source>
        <translation>DLT 判定</translation>
    </message>
    <message>
        <source>DLTs</source>
        <translation>DLT</translation>
    </message>
    <message>
        <source>Definite</source>
        <translation>肯定有关</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Done out of window</source>
        <translation>超窗完成</translation>
    </message>
    <message>
        <source>Dose given outside its window</source>
        <translation>给药超出窗口</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>暂停给药</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation>研究者</translation>
    </message>
    <message>
        <source>Investigator decision</source>
        <translation>研究者决定</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>后勤原因</translation>
    </message>
    <message>
        <source>MTD declared</source>
        <translation>已宣布 MTD</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Missed visit</source>
        <translation>缺失访视</translation>
    </message>
    <message>
        <source>Monitor (read only)</source>
        <translation>监查员（只读）</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Not coded</source>
        <translation>未编码</translation>
    </message>
    <message>
        <source>Not collected</source>
        <translation>未采集</translation>
    </message>
    <message>
        <source>Not recovered</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <source>Not related</source>
        <translation>无关</translation>
    </message>
    <message>
        <source>Off study</source>
        <translation>已退出研究</translation>
    </message>
    <message>
        <source>On treatment</source>
        <translation>治疗中</translation>
    </message>
    <message>
        <source>Ongoing</source>
        <translation>持续中</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Out of tolerance</source>
        <translation>超出允许偏差</translation>
    </message>
    <message>
        <source>PK sample not collected</source>
        <translation>PK 样本未采集</translation>
    </message>
    <message>
        <source>PK sample out of tolerance</source>
        <translation>PK 样本超出允许偏差</translation>
    </message>
    <message>
        <source>Patient decision</source>
        <translation>患者决定</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Physician decision</source>
        <translation>医生决定</translation>
    </message>
    <message>
        <source>Possible</source>
        <translation>可能有关</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>存在</translation>
    </message>
    <message>
        <source>Probable</source>
        <translation>很可能有关</translation>
    </message>
    <message>
        <source>RP2D declared</source>
        <translation>已宣布 RP2D</translation>
    </message>
    <message>
        <source>Re-escalation</source>
        <translation>再次加量</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>Recorded why</source>
        <translation>记录的原因</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>病历记录</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>Recovered with sequelae</source>
        <translation>恢复但有后遗症</translation>
    </message>
    <message>
        <source>Recovering</source>
        <translation>恢复中</translation>
    </message>
    <message>
        <source>Reduced</source>
        <translation>减量</translation>
    </message>
    <message>
        <source>Reduction</source>
        <translation>减量</translation>
    </message>
    <message>
        <source>SAE reported late</source>
        <translation>SAE 迟报</translation>
    </message>
    <message>
        <source>SAE reports late or overdue</source>
        <translation>SAE 报告迟报或逾期</translation>
    </message>
    <message>
        <source>SAEs not yet reported</source>
        <translation>尚未报告的 SAE</translation>
    </message>
    <message>
        <source>SMC decision (acknowledged)</source>
        <translation>SMC 决定（已确认）</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>筛选中</translation>
    </message>
    <message>
        <source>Serious (SAEs)</source>
        <translation>严重（SAE）</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Study nurse / coordinator</source>
        <translation>研究护士 / 协调员</translation>
    </message>
    <message>
        <source>Toxicity</source>
        <translation>毒性</translation>
    </message>
    <message>
        <source>Tumour response</source>
        <translation>肿瘤疗效</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Unlikely</source>
        <translation>可能无关</translation>
    </message>
    <message>
        <source>Visit data</source>
        <translation>访视数据</translation>
    </message>
    <message>
        <source>Visit out of window</source>
        <translation>访视超出窗口</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>停药</translation>
    </message>
    <message>
        <source>Within tolerance</source>
        <translation>在允许偏差内</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>censored at the first dose: no adequate assessment after it</source>
        <translation>在首次给药时删失：此后无充分评估</translation>
    </message>
    <message>
        <source>censored at the last adequate assessment</source>
        <translation>在最后一次充分评估时删失</translation>
    </message>
    <message>
        <source>censored: last known alive</source>
        <translation>删失：最后已知存活</translation>
    </message>
    <message>
        <source>censored: new anticancer therapy before progression (last adequate assessment before it)</source>
        <translation>删失：进展前开始新的抗肿瘤治疗（取此前最后一次充分评估）</translation>
    </message>
    <message>
        <source>de-escalate</source>
        <translation>降低剂量</translation>
    </message>
    <message>
        <source>death</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>diary</source>
        <translation>日记卡</translation>
    </message>
    <message>
        <source>escalate</source>
        <translation>递增剂量</translation>
    </message>
    <message>
        <source>evaluable</source>
        <translation>可评估</translation>
    </message>
    <message>
        <source>not evaluable</source>
        <translation>不可评估</translation>
    </message>
    <message>
        <source>not yet known</source>
        <translation>尚未知</translation>
    </message>
    <message>
        <source>progression</source>
        <translation>疾病进展</translation>
    </message>
    <message>
        <source>stay</source>
        <translation>维持剂量</translation>
    </message>
    <message>
        <source>tablet count</source>
        <translation>药片清点</translation>
    </message>
    <message>
        <source>{path} is locked by another program after waiting {seconds} s: close the other program using it, then try again; nothing was saved</source>
        <translation>等待 {seconds} 秒后，{path} 仍被另一个程序锁定：请关闭正在使用它的程序，然后重试；未保存任何内容</translation>
    </message>
    <message>
        <source>{path} is locked by another program: close the other program using it, then try again; nothing was saved</source>
        <translation>{path} 被另一个程序锁定：请关闭正在使用它的程序，然后重试；未保存任何内容</translation>
    </message>
    <message>
        <source>{path} is locked by {programs} after waiting {seconds} s: close it there, then try again; nothing was saved</source>
        <translation>等待 {seconds} 秒后，{path} 仍被 {programs} 锁定：请在那里关闭它，然后重试；未保存任何内容</translation>
    </message>
    <message>
        <source>{path} is locked by {programs}: close it there, then try again; nothing was saved</source>
        <translation>{path} 被 {programs} 锁定：请在那里关闭它，然后重试；未保存任何内容</translation>
    </message>
    <message>
        <source>&apos;{meddra_code}&apos; is not in the loaded CTCAE dictionary</source>
        <translation>“{meddra_code}”不在已载入的 CTCAE 词典中</translation>
    </message>
    <message>
        <source>No reminder</source>
        <translation>不提醒</translation>
    </message>
    <message>
        <source>One hour before</source>
        <translation>提前一小时</translation>
    </message>
    <message>
        <source>The day before</source>
        <translation>前一天</translation>
    </message>
    <message>
        <source>censored at the first dose: no assessment after the baseline yet (changes at the first scan)</source>
        <translation>在首次给药时删失：基线后尚无评估（首次扫描后改变）</translation>
    </message>
    <message>
        <source>&apos;{clean}&apos; is how the audit trail names the app&apos;s own changes: choose another account name</source>
        <translation>“{clean}”是审计轨迹对本应用自身更改的称呼：请另选一个账户名</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a time zone: give an IANA name such as Europe/London or America/New_York</source>
        <translation>“{name}”不是时区：请填写 IANA 名称，例如 Asia/Shanghai 或 Europe/London</translation>
    </message>
    <message>
        <source>&apos;{term}&apos; needs the event specified</source>
        <translation>“{term}”需要说明具体事件</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: type DD-MMM-YYYY (12-JAN-2026), or UN-JAN-2026 when the day is unknown, UN-UNK-2026 when the month is too</source>
        <translation>“{text}”不是日期：请按 DD-MMM-YYYY 输入（12-JAN-2026）；日未知时输入 UN-JAN-2026，月也未知时输入 UN-UNK-2026</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: type it as DD-MMM-YYYY, e.g. 12-JAN-2026</source>
        <translation>“{text}”不是日期：请按 DD-MMM-YYYY 输入，例如 12-JAN-2026</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a real date: there is no month {month}</source>
        <translation>“{text}”不是真实日期：没有第 {month} 月</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a real date: {month} {year} has {days} days</source>
        <translation>“{text}”不是真实日期：{year} 年 {month} 只有 {days} 天</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a time: type it as HH:MM (24-hour)</source>
        <translation>“{text}”不是时间：请按 HH:MM（24 小时制）输入</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is outside the dates a record can hold ({range})</source>
        <translation>“{text}”超出了记录可保存的日期范围（{range}）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: &apos;{month}&apos; is not a month (JAN to DEC, or UNK)</source>
        <translation>“{text}”：“{month}”不是月份（JAN 至 DEC，或 UNK）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: month {month} does not exist</source>
        <translation>“{text}”：不存在第 {month} 月</translation>
    </message>
    <message>
        <source>A calendar visit is not entered in error: record it as not done (missed), or correct it with a reason</source>
        <translation>日历中的访视不能标记为录入错误：请记录为未完成（缺失），或注明原因后更正</translation>
    </message>
    <message>
        <source>A contact&apos;s result is not changed once saved: a death or a loss to follow-up is corrected under End of treatment, a contact entered in error is marked so</source>
        <translation>联系结果保存后不能更改：死亡或失访请在“治疗结束”中更正，录入错误的联系请标记为录入错误</translation>
    </message>
    <message>
        <source>A delay is 1 to {MAX_DELAY_DAYS} days</source>
        <translation>推迟天数为 1 至 {MAX_DELAY_DAYS} 天</translation>
    </message>
    <message>
        <source>A grade 5 AE is fatal: outcome &apos;fatal&apos;</source>
        <translation>5 级 AE 为致死性：转归应为“死亡”</translation>
    </message>
    <message>
        <source>A hold of {days} is longer than the {longest} days the protocol allows: the patient stops treatment instead (End of treatment)</source>
        <translation>{days}的暂停给药超过方案允许的 {longest} 天：患者应改为停止治疗（治疗结束）</translation>
    </message>
    <message>
        <source>A patient with a DLT is DLT-evaluable</source>
        <translation>发生 DLT 的患者可评估 DLT</translation>
    </message>
    <message>
        <source>A re-escalation goes back at most to the starting dose level ({enrolled_at})</source>
        <translation>再次加量最多回到起始剂量水平（{enrolled_at}）</translation>
    </message>
    <message>
        <source>A scan of {when} is already recorded: one assessment per date</source>
        <translation>{when} 的扫描已有记录：每个日期只有一次评估</translation>
    </message>
    <message>
        <source>A serious AE needs the SAE criteria it meets</source>
        <translation>严重 AE 需要填写其符合的 SAE 标准</translation>
    </message>
    <message>
        <source>A survival contact on {seen} found the patient alive</source>
        <translation>{seen} 的生存联系显示患者存活</translation>
    </message>
    <message>
        <source>An account name is 1 to 64 {NAME_PATTERN}</source>
        <translation>账户名为 1 至 64 个{NAME_PATTERN}</translation>
    </message>
    <message>
        <source>An actual date needs the outcome &apos;done&apos;</source>
        <translation>填写实际日期时结果应为“已完成”</translation>
    </message>
    <message>
        <source>Backups cannot be written in {folder}: {problem}. Choose a folder you can write in</source>
        <translation>无法在 {folder} 中写入备份：{problem}。请选择可写入的文件夹</translation>
    </message>
    <message>
        <source>Changed by someone else meanwhile: open it again</source>
        <translation>期间已被他人更改：请重新打开</translation>
    </message>
    <message>
        <source>Choose a password different from the old one</source>
        <translation>请选择与旧密码不同的密码</translation>
    </message>
    <message>
        <source>Choose one of this patient&apos;s adverse events</source>
        <translation>请选择该患者的一个不良事件</translation>
    </message>
    <message>
        <source>Choose the dose level for {label}</source>
        <translation>请为 {label} 选择剂量水平</translation>
    </message>
    <message>
        <source>Choose the dose level the decision is about</source>
        <translation>请选择该决定所涉及的剂量水平</translation>
    </message>
    <message>
        <source>Choose the dose level the slots are for</source>
        <translation>请选择名额所属的剂量水平</translation>
    </message>
    <message>
        <source>Choose the expansion cohort for {label}</source>
        <translation>请为 {label} 选择扩展队列</translation>
    </message>
    <message>
        <source>Choose the folder the SDTM files go in</source>
        <translation>请选择存放 SDTM 文件的文件夹</translation>
    </message>
    <message>
        <source>Choose the new dose level</source>
        <translation>请选择新的剂量水平</translation>
    </message>
    <message>
        <source>Choose the study part ({parts})</source>
        <translation>请选择研究部分（{parts}）</translation>
    </message>
    <message>
        <source>Choose what changed: a reduction, a re-escalation or a hold</source>
        <translation>请选择调整内容：减量、再次加量或暂停给药</translation>
    </message>
    <message>
        <source>Close each grade before the next one starts</source>
        <translation>请在下一个分级开始前结束当前分级</translation>
    </message>
    <message>
        <source>Consent date is required</source>
        <translation>必须填写知情同意日期</translation>
    </message>
    <message>
        <source>Consent date {consent} is in the future</source>
        <translation>知情同意日期 {consent} 在未来</translation>
    </message>
    <message>
        <source>Consent must precede the first dose ({first})</source>
        <translation>知情同意必须早于首次给药（{first}）</translation>
    </message>
    <message>
        <source>Consent on {consent} is before the patient was an adult (born {born}): check the consent date</source>
        <translation>{consent} 的知情同意早于患者成年（出生于 {born}）：请核对知情同意日期</translation>
    </message>
    <message>
        <source>DLT period ends {period_end}</source>
        <translation>DLT 观察期于 {period_end} 结束</translation>
    </message>
    <message>
        <source>DLT: {term} on {onset}</source>
        <translation>DLT：{term}，发生于 {onset}</translation>
    </message>
    <message>
        <source>DLTs are reviewed in Part {parts} only</source>
        <translation>DLT 仅在第 {parts} 部分审阅</translation>
    </message>
    <message>
        <source>Death {death_date} is before the first dose ({first_dose})</source>
        <translation>死亡日期 {death_date} 早于首次给药（{first_dose}）</translation>
    </message>
    <message>
        <source>Death {death_date} is before the last dose ({last_dose_date})</source>
        <translation>死亡日期 {death_date} 早于末次给药（{last_dose_date}）</translation>
    </message>
    <message>
        <source>Death {death_date} is before the last visit, {code} on {when}</source>
        <translation>死亡日期 {death_date} 早于最后一次访视（{when} 的 {code}）</translation>
    </message>
    <message>
        <source>Death {text} is in the future</source>
        <translation>死亡日期 {text} 在未来</translation>
    </message>
    <message>
        <source>Describe the event (the investigator&apos;s words)</source>
        <translation>请描述事件（研究者的原话）</translation>
    </message>
    <message>
        <source>Dose given: {DOSE_ACTIONS}</source>
        <translation>给药情况：{DOSE_ACTIONS}</translation>
    </message>
    <message>
        <source>End {end_date} is before onset ({onset})</source>
        <translation>结束日期 {end_date} 早于发生日期（{onset}）</translation>
    </message>
    <message>
        <source>End {end_date} is in the future</source>
        <translation>结束日期 {end_date} 在未来</translation>
    </message>
    <message>
        <source>End {text} is in the future</source>
        <translation>结束日期 {text} 在未来</translation>
    </message>
    <message>
        <source>First dose {planned_first_dose} is before consent ({consent})</source>
        <translation>首次给药 {planned_first_dose} 早于知情同意（{consent}）</translation>
    </message>
    <message>
        <source>Give how many slots were opened (1 to 50; a {design} cohort has {cohort_size})</source>
        <translation>请填写开放的名额数（1 至 50；{design} 队列为 {cohort_size} 名）</translation>
    </message>
    <message>
        <source>Give the backup folder&apos;s full path, not &apos;{text}&apos;</source>
        <translation>请填写备份文件夹的完整路径，而不是“{text}”</translation>
    </message>
    <message>
        <source>Give the booked date with the booked time</source>
        <translation>填写预约时间时请同时填写预约日期</translation>
    </message>
    <message>
        <source>Give the cause of death (or &apos;unknown&apos;)</source>
        <translation>请填写死亡原因（或“未知”）</translation>
    </message>
    <message>
        <source>Give the cycle the study drug is for</source>
        <translation>请填写研究药物所属的周期</translation>
    </message>
    <message>
        <source>Give the date dispensed</source>
        <translation>请填写发药日期</translation>
    </message>
    <message>
        <source>Give the date of death</source>
        <translation>请填写死亡日期</translation>
    </message>
    <message>
        <source>Give the date of the SMC&apos;s decision</source>
        <translation>请填写 SMC 决定的日期</translation>
    </message>
    <message>
        <source>Give the date of the contact</source>
        <translation>请填写联系日期</translation>
    </message>
    <message>
        <source>Give the date of the scan</source>
        <translation>请填写扫描日期</translation>
    </message>
    <message>
        <source>Give the date the sponsor opened the slots</source>
        <translation>请填写申办方开放名额的日期</translation>
    </message>
    <message>
        <source>Give the date the tablets came back</source>
        <translation>请填写药片归还的日期</translation>
    </message>
    <message>
        <source>Give the date {code} was done</source>
        <translation>请填写 {code} 完成的日期</translation>
    </message>
    <message>
        <source>Give the grade</source>
        <translation>请填写分级</translation>
    </message>
    <message>
        <source>Give the lot number on the bottle</source>
        <translation>请填写药瓶上的批号</translation>
    </message>
    <message>
        <source>Give the number of tablets dispensed</source>
        <translation>请填写发放的片数</translation>
    </message>
    <message>
        <source>Give the number of tablets dispensed (1 or more)</source>
        <translation>请填写发放的片数（1 片或以上）</translation>
    </message>
    <message>
        <source>Give the onset date</source>
        <translation>请填写发生日期</translation>
    </message>
    <message>
        <source>Give the person&apos;s name as it is printed on signatures</source>
        <translation>请填写签名上打印的姓名</translation>
    </message>
    <message>
        <source>Give the reason for the change of role</source>
        <translation>请填写更改角色的原因</translation>
    </message>
    <message>
        <source>Give the reason for the delay: {DELAY_REASONS}</source>
        <translation>请填写推迟原因：{DELAY_REASONS}</translation>
    </message>
    <message>
        <source>Give the reason for the dose modification</source>
        <translation>请填写剂量调整的原因</translation>
    </message>
    <message>
        <source>Give the reason for the screen failure</source>
        <translation>请填写筛选失败的原因</translation>
    </message>
    <message>
        <source>Give the reason for the unscheduled visit</source>
        <translation>请填写计划外访视的原因</translation>
    </message>
    <message>
        <source>Give the reason the account leaves the study</source>
        <translation>请填写该账户离开研究的原因</translation>
    </message>
    <message>
        <source>Give the reason the visits were not done</source>
        <translation>请给出这些访视未完成的原因</translation>
    </message>
    <message>
        <source>Give the reason {code} was not done</source>
        <translation>请填写 {code} 未完成的原因</translation>
    </message>
    <message>
        <source>Give the {dose_of} dose time first: the samples count from it</source>
        <translation>请先填写 {dose_of} 的给药时间：样本时间从此起算</translation>
    </message>
    <message>
        <source>Grade spans overlap</source>
        <translation>分级时间段重叠</translation>
    </message>
    <message>
        <source>Grade {grade} ends before it starts</source>
        <translation>{grade} 级的结束早于开始</translation>
    </message>
    <message>
        <source>Grade {grade} from {start} is before the onset</source>
        <translation>自 {start} 起的 {grade} 级早于发生日期</translation>
    </message>
    <message>
        <source>Grade {grade} from {start} is in the future</source>
        <translation>自 {start} 起的 {grade} 级在未来</translation>
    </message>
    <message>
        <source>Grade {grade} from {start} must start after the grade before it (from {previous})</source>
        <translation>自 {start} 起的 {grade} 级必须晚于前一个分级开始（前一个自 {previous} 起）</translation>
    </message>
    <message>
        <source>How was the contact made? {CONTACT_METHODS}</source>
        <translation>以何种方式联系？{CONTACT_METHODS}</translation>
    </message>
    <message>
        <source>In this patient&apos;s study your account is a {role}: it cannot enter or correct clinical data there; nothing was saved</source>
        <translation>在该患者的研究中，您的账户角色为{role}：不能录入或更正临床数据；未保存任何内容</translation>
    </message>
    <message>
        <source>Initials must be 2 to 4 letters, of any alphabet (a hyphen may stand for a missing middle initial)</source>
        <translation>姓名缩写须为 2 至 4 个字母，任何文字均可（缺少中间名首字母时可用连字符代替）</translation>
    </message>
    <message>
        <source>Keep {fewest} to {most} daily backups, not {backups_kept}</source>
        <translation>请保留 {fewest} 至 {most} 份每日备份，而不是 {backups_kept}</translation>
    </message>
    <message>
        <source>Last dose {last_dose_date} is before the first dose ({first})</source>
        <translation>末次给药 {last_dose_date} 早于首次给药（{first}）</translation>
    </message>
    <message>
        <source>Lesion {lesion_id} is entered twice</source>
        <translation>病灶 {lesion_id} 录入了两次</translation>
    </message>
    <message>
        <source>Lesion {lesion_id}: a lesion is a target or a non-target</source>
        <translation>病灶 {lesion_id}：病灶须为靶病灶或非靶病灶</translation>
    </message>
    <message>
        <source>Look ahead 0 to {most} days, not {days}</source>
        <translation>向前查看 0 至 {most} 天，而不是 {days} 天</translation>
    </message>
    <message>
        <source>Meaning: reviewed, approved or assessed</source>
        <translation>签名含义：已审阅、已批准或已评估</translation>
    </message>
    <message>
        <source>Meaning: {choices}</source>
        <translation>签名含义：{choices}</translation>
    </message>
    <message>
        <source>Missed doses cannot be negative</source>
        <translation>漏服次数不能为负数</translation>
    </message>
    <message>
        <source>Name the new anticancer therapy</source>
        <translation>请填写新的抗肿瘤治疗名称</translation>
    </message>
    <message>
        <source>No account named {name}</source>
        <translation>没有名为 {name} 的账户</translation>
    </message>
    <message>
        <source>No account {name}</source>
        <translation>没有账户 {name}</translation>
    </message>
    <message>
        <source>No line {key} in the audit review</source>
        <translation>稽查审阅中没有行 {key}</translation>
    </message>
    <message>
        <source>No patient with subject ID {subject}: nothing was saved</source>
        <translation>没有受试者编号为 {subject} 的患者：未保存任何内容</translation>
    </message>
    <message>
        <source>No query {id}: nothing was saved</source>
        <translation>没有质疑 {id}：未保存任何内容</translation>
    </message>
    <message>
        <source>No role &apos;{role}&apos;: {roles}</source>
        <translation>没有角色“{role}”：{roles}</translation>
    </message>
    <message>
        <source>No study {code} {where} (studies: {known})</source>
        <translation>{where}没有研究 {code}（研究：{known}）</translation>
    </message>
    <message>
        <source>No such study among your account&apos;s studies</source>
        <translation>您的账户的研究中没有此研究</translation>
    </message>
    <message>
        <source>Non-target lesion {lesion_id}: choose its status (present, absent, progression) or not assessed (NE)</source>
        <translation>非靶病灶 {lesion_id}：请选择其状态（存在、消失、进展）或未评估（NE）</translation>
    </message>
    <message>
        <source>Nothing waits for a signature as {item}: `sign list` shows what does (KIND:ID)</source>
        <translation>没有以 {item} 待签的项目：`sign list` 列出待签项目（KIND:ID）</translation>
    </message>
    <message>
        <source>Only a hold has an end: a new dose level holds until the next modification</source>
        <translation>只有暂停给药有结束日期：新的剂量水平持续到下一次调整</translation>
    </message>
    <message>
        <source>Only {kinds} are signed</source>
        <translation>只有{kinds}需要签名</translation>
    </message>
    <message>
        <source>Only {kinds} records are marked entered in error</source>
        <translation>只有{kinds}记录可以标记为录入错误</translation>
    </message>
    <message>
        <source>Onset {onset} is before consent ({consent}): a medical history item, not an AE</source>
        <translation>发生日期 {onset} 早于知情同意（{consent}）：这是病史，而不是 AE</translation>
    </message>
    <message>
        <source>Onset {onset} is in the future</source>
        <translation>发生日期 {onset} 在未来</translation>
    </message>
    <message>
        <source>Onset {text} is in the future</source>
        <translation>发生日期 {text} 在未来</translation>
    </message>
    <message>
        <source>Outcome must be done, missed or not yet</source>
        <translation>结果须为已完成、缺失或尚未完成</translation>
    </message>
    <message>
        <source>Overall response: one of {RESPONSES}</source>
        <translation>总体疗效：须为 {RESPONSES} 之一</translation>
    </message>
    <message>
        <source>PFS by FDA 2018: {censored} deaths/progressions censored after {missed_limit} or more missed scans</source>
        <translation>PFS 按 FDA 2018：{censored} 例死亡/进展因漏做 {missed_limit} 次或以上扫描而删失</translation>
    </message>
    <message>
        <source>Part 2 opens at the RP2D, which the SMC has not declared yet: record the SMC&apos;s decision under Escalation first</source>
        <translation>第 2 部分以 RP2D 开放，而 SMC 尚未宣布 RP2D：请先在“剂量递增”中记录 SMC 的决定</translation>
    </message>
    <message>
        <source>Progression is before the first dose</source>
        <translation>疾病进展早于首次给药</translation>
    </message>
    <message>
        <source>Record the dose once the visit is done</source>
        <translation>访视完成后再记录给药</translation>
    </message>
    <message>
        <source>Record the lesions, or the investigator&apos;s overall response</source>
        <translation>请记录病灶，或研究者评估的总体疗效</translation>
    </message>
    <message>
        <source>Result: {CONTACT_RESULTS}</source>
        <translation>结果：{CONTACT_RESULTS}</translation>
    </message>
    <message>
        <source>Reviewed by someone else meanwhile: open it again</source>
        <translation>期间已被他人审阅：请重新打开</translation>
    </message>
    <message>
        <source>Reviewed by someone else while you were reviewing: close the window and open the deviation again</source>
        <translation>在您审阅期间已被他人审阅：请关闭窗口后重新打开该偏离</translation>
    </message>
    <message>
        <source>Role: {roles}</source>
        <translation>角色：{roles}</translation>
    </message>
    <message>
        <source>SDTM for {study} does not conform, nothing was written: {problems}{more}</source>
        <translation>{study} 的 SDTM 不符合规范，未写入任何文件：{problems}{more}</translation>
    </message>
    <message>
        <source>SDTM is written as {formats}, not &apos;{fmt}&apos;</source>
        <translation>SDTM 可写为 {formats}，不能写为“{fmt}”</translation>
    </message>
    <message>
        <source>Saved by someone else while you were editing: close the window and open the contact again</source>
        <translation>在您编辑期间已被他人保存：请关闭窗口后重新打开该联系记录</translation>
    </message>
    <message>
        <source>Saved by someone else while you were editing: {who}. Nothing was saved; your entries are still here: check them, then save again to apply your changes on top.</source>
        <translation>在您编辑期间已被他人保存：{who}。未保存任何内容；您输入的内容仍在此处：请核对后再次保存，以在其基础上应用您的更改。</translation>
    </message>
    <message>
        <source>Say why this {word} was entered in error</source>
        <translation>请说明该{word}录入错误的原因</translation>
    </message>
    <message>
        <source>Screening cannot start before consent ({consent})</source>
        <translation>筛选不能早于知情同意（{consent}）</translation>
    </message>
    <message>
        <source>Screening date {screening_date} is in the future</source>
        <translation>筛选日期 {screening_date} 在未来</translation>
    </message>
    <message>
        <source>Sex must be F, M or U</source>
        <translation>性别须为 F、M 或 U</translation>
    </message>
    <message>
        <source>Someone else saved this record while you were editing it; nothing was saved. Your entries are kept: review them and save again</source>
        <translation>在您编辑期间，他人已保存此记录；未保存任何内容。您输入的内容已保留：请核对后再次保存</translation>
    </message>
    <message>
        <source>Study {code} is already at this site: a new version of its protocol is an amendment (study amend {code} FILE --effective DATE)</source>
        <translation>研究 {code} 已在本中心：其方案的新版本属于方案修订（study amend {code} FILE --effective DATE）</translation>
    </message>
    <message>
        <source>Study {code} is not at this site: add its protocol file first (study add FILE.toml)</source>
        <translation>研究 {code} 不在本中心：请先添加其方案文件（study add FILE.toml）</translation>
    </message>
    <message>
        <source>Subject ID &apos;{subject}&apos; does not have this study&apos;s format{example}</source>
        <translation>受试者编号“{subject}”不符合本研究的格式{example}</translation>
    </message>
    <message>
        <source>Subject ID is required</source>
        <translation>必须填写受试者编号</translation>
    </message>
    <message>
        <source>Subject ID {subject_id} belongs to another patient</source>
        <translation>受试者编号 {subject_id} 属于另一位患者</translation>
    </message>
    <message>
        <source>Subject ID {subject_id} is already enrolled in {code}</source>
        <translation>受试者编号 {subject_id} 已入组 {code}</translation>
    </message>
    <message>
        <source>Subject ID {subject_id} is in {studies}: name the study</source>
        <translation>受试者编号 {subject_id} 在 {studies} 中：请指明研究</translation>
    </message>
    <message>
        <source>Subject {subject_id} is in {patient_study}, not in {study}</source>
        <translation>受试者 {subject_id} 属于 {patient_study}，而不是 {study}</translation>
    </message>
    <message>
        <source>Survival follow-up starts after the last dose: record the last dose first</source>
        <translation>生存随访在末次给药后开始：请先记录末次给药</translation>
    </message>
    <message>
        <source>Tablets cannot come back before they were dispensed</source>
        <translation>药片不能在发放之前归还</translation>
    </message>
    <message>
        <source>Tablets returned cannot be negative</source>
        <translation>归还片数不能为负数</translation>
    </message>
    <message>
        <source>The DLT period ends {period_end}: review it after that day</source>
        <translation>DLT 观察期于 {period_end} 结束：请在该日之后审阅</translation>
    </message>
    <message>
        <source>The SMC declared the RP2D at {rp2d} on {decided_on}: a patient enrolled since then is treated at {rp2d}, not {dose_level}</source>
        <translation>SMC 已于 {decided_on} 宣布 RP2D 为 {rp2d}：此后入组的受试者按 {rp2d} 治疗，而非 {dose_level}</translation>
    </message>
    <message>
        <source>The audit key of this database is not on this computer, so nothing can be saved or checked here. Import it from a workstation that has it: sitetrack audit key export FILE there, sitetrack audit key import FILE here</source>
        <translation>此数据库的审计密钥不在本计算机上，因此无法在此保存或核查任何内容。请从拥有该密钥的工作站导入：在那里运行 sitetrack audit key export FILE，在此运行 sitetrack audit key import FILE</translation>
    </message>
    <message>
        <source>The baseline scan of {scan_date} would be after the first dose ({first_dose}): a baseline is on or before the first dose. Correct the date of the dose, or the scan&apos;s (Response)</source>
        <translation>{scan_date} 的基线扫描将晚于首次给药（{first_dose}）：基线须在首次给药当天或之前。请更正给药日期或扫描日期（疗效）</translation>
    </message>
    <message>
        <source>The country is its three-letter ISO 3166-1 code (FRA, DEU, USA), not &apos;{country}&apos;</source>
        <translation>国家应为 ISO 3166-1 三字母代码（FRA、DEU、USA），而不是“{country}”</translation>
    </message>
    <message>
        <source>The current dose level &apos;{current}&apos; is not on the protocol&apos;s ladder, so it cannot be stepped from</source>
        <translation>当前剂量水平“{current}”不在方案的剂量阶梯上，因此无法从它调整</translation>
    </message>
    <message>
        <source>The cycle is a number from 1</source>
        <translation>周期是从 1 开始的数字</translation>
    </message>
    <message>
        <source>The database server {where} cannot be reached or refused the save ({problem}): nothing was saved</source>
        <translation>无法连接数据库服务器 {where}，或服务器拒绝了保存（{problem}）：未保存任何内容</translation>
    </message>
    <message>
        <source>The date dispensed is in the future</source>
        <translation>发药日期在未来</translation>
    </message>
    <message>
        <source>The date returned is in the future</source>
        <translation>归还日期在未来</translation>
    </message>
    <message>
        <source>The death date is after the contact</source>
        <translation>死亡日期晚于联系日期</translation>
    </message>
    <message>
        <source>The disk holding {where} is full: nothing was saved. Free some space, then save again</source>
        <translation>存放 {where} 的磁盘已满：未保存任何内容。请释放一些空间后再次保存</translation>
    </message>
    <message>
        <source>The disk holding {where} reported an error: nothing was saved. Check the disk, then save again</source>
        <translation>存放 {where} 的磁盘报告了错误：未保存任何内容。请检查磁盘后再次保存</translation>
    </message>
    <message>
        <source>The dose is already held from {start} ({until}): end that hold first</source>
        <translation>给药已自 {start} 起暂停（{until}）：请先结束该暂停</translation>
    </message>
    <message>
        <source>The dose time {dose_at} is in the future</source>
        <translation>给药时间 {dose_at} 在未来</translation>
    </message>
    <message>
        <source>The first dose is not recorded yet: record {first_dose_visit} first</source>
        <translation>尚未记录首次给药：请先记录 {first_dose_visit}</translation>
    </message>
    <message>
        <source>The first dose was on {first_dose}: a dose modification cannot start before it</source>
        <translation>首次给药在 {first_dose}：剂量调整不能早于该日期</translation>
    </message>
    <message>
        <source>The hold cannot end ({end}) before it started ({start})</source>
        <translation>暂停给药的结束（{end}）不能早于开始（{start}）</translation>
    </message>
    <message>
        <source>The idle lock is {low} to {high} minutes, not {minutes}</source>
        <translation>空闲锁定时间为 {low} 至 {high} 分钟，而不是 {minutes}</translation>
    </message>
    <message>
        <source>The patient is already off study</source>
        <translation>患者已退出研究</translation>
    </message>
    <message>
        <source>The protocol does not allow re-escalation after a dose reduction</source>
        <translation>方案不允许在减量后再次加量</translation>
    </message>
    <message>
        <source>The protocol has no dose level &apos;{to}&apos; on its ladder ({ladder})</source>
        <translation>方案的剂量阶梯上没有剂量水平“{to}”（{ladder}）</translation>
    </message>
    <message>
        <source>The protocol of {code} has no [dosing] section: doses are recorded at the visits only</source>
        <translation>{code} 的方案没有 [dosing] 部分：给药仅在访视中记录</translation>
    </message>
    <message>
        <source>The protocol of {code} has no dose escalation ([escalation] section)</source>
        <translation>{code} 的方案没有剂量递增（[escalation] 部分）</translation>
    </message>
    <message>
        <source>The record changed while you read it: it is shown again as it stands now; nothing was signed</source>
        <translation>您阅读期间记录已被更改：现按当前内容重新显示；未签署任何内容</translation>
    </message>
    <message>
        <source>The report is before the site knew of the SAE</source>
        <translation>报告时间早于中心获知 SAE 的时间</translation>
    </message>
    <message>
        <source>The scan date {scan_date} is in the future</source>
        <translation>扫描日期 {scan_date} 在未来</translation>
    </message>
    <message>
        <source>The site has no number yet: an administrator sets it in Tools &gt; Settings (or &apos;sitetrack site --number 101&apos;); every export names the site by its number</source>
        <translation>中心尚无编号：请管理员在“工具 &gt; 设置”中设置（或运行 &apos;sitetrack site --number 101&apos;）；每个导出文件都以编号标明中心</translation>
    </message>
    <message>
        <source>The site number is up to 10 letters or digits, not &apos;{number}&apos;</source>
        <translation>中心编号最多为 10 个字母或数字，而不是“{number}”</translation>
    </message>
    <message>
        <source>The site&apos;s name is at most 120 characters</source>
        <translation>中心名称最多 120 个字符</translation>
    </message>
    <message>
        <source>The {label} sample has a time and a reason it was not collected: one only</source>
        <translation>{label} 样本同时有采集时间和未采集原因：只能填写其一</translation>
    </message>
    <message>
        <source>The {label} sample of {code} is entered twice</source>
        <translation>{code} 的 {label} 样本录入了两次</translation>
    </message>
    <message>
        <source>There is already an account named {clean}: accounts are never shared nor reused</source>
        <translation>已有名为 {clean} 的账户：账户不得共用或重复使用</translation>
    </message>
    <message>
        <source>There is no such record to sign</source>
        <translation>没有可签名的此记录</translation>
    </message>
    <message>
        <source>There is no such record to verify: {target}</source>
        <translation>没有可核查的此记录：{target}</translation>
    </message>
    <message>
        <source>This AE is not marked as a DLT</source>
        <translation>此 AE 未标记为 DLT</translation>
    </message>
    <message>
        <source>This cancels the booked visit {listed}</source>
        <translation>这将取消已预约的访视 {listed}</translation>
    </message>
    <message>
        <source>This cancels {n} booked visits: {listed}</source>
        <translation>这将取消 {n} 次已预约的访视：{listed}</translation>
    </message>
    <message>
        <source>This database&apos;s audit trail has no key yet</source>
        <translation>此数据库的稽查轨迹尚无密钥</translation>
    </message>
    <message>
        <source>This decision is no longer on record</source>
        <translation>此决定已不在记录中</translation>
    </message>
    <message>
        <source>This dispensing is no longer on record</source>
        <translation>此发药记录已不在记录中</translation>
    </message>
    <message>
        <source>This dose modification is no longer on record</source>
        <translation>此剂量调整已不在记录中</translation>
    </message>
    <message>
        <source>This patient has been dosed: record the end of treatment instead</source>
        <translation>该患者已给药：请改为记录治疗结束</translation>
    </message>
    <message>
        <source>This patient has not been dosed: the DLT period has not started</source>
        <translation>该患者尚未给药：DLT 观察期尚未开始</translation>
    </message>
    <message>
        <source>This record is no longer on file: nothing to sign</source>
        <translation>该记录已不在档：无需签名</translation>
    </message>
    <message>
        <source>This survival contact is no longer on record</source>
        <translation>此生存联系已不在记录中</translation>
    </message>
    <message>
        <source>This {word} is not on record for this patient</source>
        <translation>该患者没有此{word}的记录</translation>
    </message>
    <message>
        <source>Unknown dose level &apos;{dose_level}&apos;</source>
        <translation>未知的剂量水平“{dose_level}”</translation>
    </message>
    <message>
        <source>When did the site become aware of the SAE? (the 24-hour clock starts then)</source>
        <translation>中心何时获知该 SAE？（24 小时时限自此开始计算）</translation>
    </message>
    <message>
        <source>Year of birth must be between 1900 and {latest_year} (adults only)</source>
        <translation>出生年份须在 1900 至 {latest_year} 之间（仅限成人）</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account</source>
        <translation>您不能停用自己的账户</translation>
    </message>
    <message>
        <source>Your password, to sign</source>
        <translation>请输入您的密码以签名</translation>
    </message>
    <message>
        <source>cycle 1 compliance not known: record the tablets returned or the diary&apos;s missed doses</source>
        <translation>第 1 周期依从性未知：请记录归还的药片或日记卡上漏服的剂量</translation>
    </message>
    <message>
        <source>no DLT; took {compliance}</source>
        <translation>无 DLT；{compliance}</translation>
    </message>
    <message>
        <source>no DLT; took {compliance}, under the {needed} % the protocol needs</source>
        <translation>无 DLT；{compliance}，低于方案要求的 {needed} %</translation>
    </message>
    <message>
        <source>no adverse event {ae_id} for this patient</source>
        <translation>该患者没有不良事件 {ae_id}</translation>
    </message>
    <message>
        <source>no patient with id {patient_id}</source>
        <translation>没有 id 为 {patient_id} 的患者</translation>
    </message>
    <message>
        <source>no patient with subject ID {subject}</source>
        <translation>没有受试者编号为 {subject} 的患者</translation>
    </message>
    <message>
        <source>no scan {scan_id} for this patient</source>
        <translation>该患者没有扫描 {scan_id}</translation>
    </message>
    <message>
        <source>not dosed yet: the DLT period starts at the first dose</source>
        <translation>尚未给药：DLT 观察期从首次给药开始</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>尚未知</translation>
    </message>
    <message>
        <source>stopped treatment on {stopped_on}, before the DLT period ended ({period_end}), without a DLT</source>
        <translation>于 {stopped_on} 停止治疗，早于 DLT 观察期结束（{period_end}），且无 DLT</translation>
    </message>
    <message>
        <source>the audit trail does not verify with this key: {problem}</source>
        <translation>稽查轨迹无法用此密钥核验：{problem}</translation>
    </message>
    <message>
        <source>this database holds real patients or accounts: the demo goes into its own file (sitetrack --demo)</source>
        <translation>此数据库包含真实患者或账户：演示数据须放在单独的文件中（sitetrack --demo）</translation>
    </message>
    <message>
        <source>{account} is not assigned to {study}</source>
        <translation>{account} 未分配到 {study}</translation>
    </message>
    <message>
        <source>{booked_date} is outside the window {window}: give a reason to book it</source>
        <translation>{booked_date} 超出窗口 {window}：请填写预约的原因</translation>
    </message>
    <message>
        <source>{code} already has a version &apos;{version}&apos;: give the amendment its own version in [study] version</source>
        <translation>{code} 已有版本“{version}”：请在 [study] version 中为修订指定其自己的版本</translation>
    </message>
    <message>
        <source>{code} cannot be done on {actual_date}: that is in the future</source>
        <translation>{code} 不能在 {actual_date} 完成：该日期在未来</translation>
    </message>
    <message>
        <source>{code} done on {actual_date} is outside its window {window}: give the reason (the visit is listed as a deviation)</source>
        <translation>{actual_date} 完成的 {code} 超出其窗口 {window}：请填写原因（该访视将列为方案偏离）</translation>
    </message>
    <message>
        <source>{code} has no &apos;{timepoint}&apos; sample</source>
        <translation>{code} 没有“{timepoint}”样本</translation>
    </message>
    <message>
        <source>{code} has no dose level &apos;{dose_level}&apos; (levels: {ladder})</source>
        <translation>{code} 没有剂量水平“{dose_level}”（剂量水平：{ladder}）</translation>
    </message>
    <message>
        <source>{code} is delayed by {days} days: a delay is 1 to {MAX_DELAY_DAYS} days</source>
        <translation>{code} 推迟了 {days} 天：推迟天数为 1 至 {MAX_DELAY_DAYS} 天</translation>
    </message>
    <message>
        <source>{code} is not a cycle&apos;s day 1: only cycles are delayed</source>
        <translation>{code} 不是周期第 1 天：只有周期可以推迟</translation>
    </message>
    <message>
        <source>{code} is not a dosing visit</source>
        <translation>{code} 不是给药访视</translation>
    </message>
    <message>
        <source>{code} is not in this patient&apos;s calendar</source>
        <translation>{code} 不在该患者的日历中</translation>
    </message>
    <message>
        <source>{code} on {actual_date} is before consent ({consent})</source>
        <translation>{actual_date} 的 {code} 早于知情同意（{consent}）</translation>
    </message>
    <message>
        <source>{code} on {when} would be after the first dose ({first_dose}): screening is done before the first dose. Correct the date of {code} or of the dose</source>
        <translation>{when} 的 {code} 将晚于首次给药（{first_dose}）：筛选须在首次给药之前完成。请更正 {code} 或给药的日期</translation>
    </message>
    <message>
        <source>{collected_at} is in the future</source>
        <translation>{collected_at} 在未来</translation>
    </message>
    <message>
        <source>{contact_date} is in the future</source>
        <translation>{contact_date} 在未来</translation>
    </message>
    <message>
        <source>{decided_on} is in the future</source>
        <translation>{decided_on} 在未来</translation>
    </message>
    <message>
        <source>{dose_level} has no open slot ({filled} of {slots} filled): enrol once the sponsor opens one, recorded under Escalation</source>
        <translation>{dose_level} 没有开放名额（{slots}中已用 {filled} 个）：请在申办方开放名额并在“剂量递增”中记录后再入组</translation>
    </message>
    <message>
        <source>{end} is in the future: leave the end empty while the dose is still held</source>
        <translation>{end} 在未来：给药仍暂停时请将结束日期留空</translation>
    </message>
    <message>
        <source>{file_name} is already a version of {code}</source>
        <translation>{file_name} 已是 {code} 的一个版本</translation>
    </message>
    <message>
        <source>{file_name} is the protocol of {file_study}, not of {study}</source>
        <translation>{file_name} 是 {file_study} 的方案，而不是 {study} 的</translation>
    </message>
    <message>
        <source>{label} applies from {effective}: re-consent on {when} is before it</source>
        <translation>{label} 自 {effective} 起生效：{when} 的重新知情同意早于该日期</translation>
    </message>
    <message>
        <source>{label} date {when} is in the future</source>
        <translation>{label}日期 {when} 在未来</translation>
    </message>
    <message>
        <source>{lesion_id}: status one of {NON_TARGET_STATUSES}</source>
        <translation>{lesion_id}：状态须为 {NON_TARGET_STATUSES} 之一</translation>
    </message>
    <message>
        <source>{minutes} minutes without a signature: your password again, to sign</source>
        <translation>{minutes} 分钟未签名：请再次输入您的密码以签名</translation>
    </message>
    <message>
        <source>{name} is already assigned to {study} (as {role})</source>
        <translation>{name} 已分配到 {study}（角色为 {role}）</translation>
    </message>
    <message>
        <source>{name} is not a readable workbook ({exc})</source>
        <translation>{name} 不是可读取的工作簿（{exc}）</translation>
    </message>
    <message>
        <source>{name} is too long: at most {limit} characters ({given} given)</source>
        <translation>{name} 过长：最多 {limit} 个字符（输入了 {given} 个）</translation>
    </message>
    <message>
        <source>{name}: an iCalendar file ends in .ics</source>
        <translation>{name}：iCalendar 文件以 .ics 结尾</translation>
    </message>
    <message>
        <source>{name}: export to a .csv or .xlsx file</source>
        <translation>{name}：请导出为 .csv 或 .xlsx 文件</translation>
    </message>
    <message>
        <source>{name}: import a .csv or .xlsx file</source>
        <translation>{name}：请导入 .csv 或 .xlsx 文件</translation>
    </message>
    <message>
        <source>{name}: name a folder, or a .xlsx workbook</source>
        <translation>{name}：请指定一个文件夹或 .xlsx 工作簿</translation>
    </message>
    <message>
        <source>{name}: name a folder; SDTM is a folder per study</source>
        <translation>{name}：请指定一个文件夹；SDTM 每个研究一个文件夹</translation>
    </message>
    <message>
        <source>{opened_on} is in the future</source>
        <translation>{opened_on} 在未来</translation>
    </message>
    <message>
        <source>{path} is not an exported audit key ({exc})</source>
        <translation>{path} 不是导出的稽查密钥（{exc}）</translation>
    </message>
    <message>
        <source>{path} is the key of another database</source>
        <translation>{path} 是另一个数据库的密钥</translation>
    </message>
    <message>
        <source>{start} is in the future: record a dose modification once it has started</source>
        <translation>{start} 在未来：请在剂量调整开始后再记录</translation>
    </message>
    <message>
        <source>{subject_id} has already re-consented to {label}</source>
        <translation>{subject_id} 已对 {label} 重新知情同意</translation>
    </message>
    <message>
        <source>{subject_id} has no visit {code} in the calendar</source>
        <translation>{subject_id} 的日历中没有访视 {code}</translation>
    </message>
    <message>
        <source>{subject} has no {record}: nothing was saved</source>
        <translation>{subject} 没有 {record}：未保存任何内容</translation>
    </message>
    <message>
        <source>{taken} of {planned} planned doses ({percent} %, by {source})</source>
        <translation>计划 {planned} 剂中服用 {taken} 剂（{percent} %，依据{source}）</translation>
    </message>
    <message>
        <source>{target} is not a recorded record of this patient</source>
        <translation>{target} 不是该患者已记录的记录</translation>
    </message>
    <message>
        <source>{to} is not above the dose level the patient is at on {start} ({current})</source>
        <translation>{to} 不高于患者在 {start} 的剂量水平（{current}）</translation>
    </message>
    <message>
        <source>{to} is not below the dose level the patient is at on {start} ({current})</source>
        <translation>{to} 不低于患者在 {start} 的剂量水平（{current}）</translation>
    </message>
    <message>
        <source>{problem} ({what})</source>
        <translation>{problem}（{what}）</translation>
    </message>
    <message>
        <source>{returned} returned is more than the {dispensed} dispensed</source>
        <translation>归还的{returned}多于发放的 {dispensed} 片</translation>
    </message>
    <message>
        <source>{entry}: one of {allowed}</source>
        <translation>{entry}：须为 {allowed} 之一</translation>
    </message>
    <message>
        <source>This contact recorded the loss to follow-up on {lost}, which End of treatment still records: clear Lost to follow-up there first (with the reason), then mark this contact entered in error</source>
        <translation>此联系记录了 {lost} 的失访，“治疗结束”中仍记录着该失访：请先在那里清除“失访”（并说明原因），再将此联系标记为录入错误</translation>
    </message>
    <message>
        <source>This contact reported the death on {death}, which End of treatment still records: clear Death there first (with the reason), then mark this contact entered in error</source>
        <translation>此联系报告了 {death} 的死亡，“治疗结束”中仍记录着该死亡：请先在那里清除“死亡”（并说明原因），再将此联系标记为录入错误</translation>
    </message>
    <message>
        <source>{when} is after the recorded death</source>
        <translation>{when} 晚于记录的死亡日期</translation>
    </message>
    <message>
        <source>{when} is after the recorded death on {death}</source>
        <translation>{when} 晚于记录的死亡日期 {death}</translation>
    </message>
    <message>
        <source>{when} is before consent</source>
        <translation>{when} 早于知情同意</translation>
    </message>
    <message>
        <source>{when} is before consent ({consent_date})</source>
        <translation>{when} 早于知情同意（{consent_date}）</translation>
    </message>
    <message>
        <source>{when} is before the last dose ({last_dose})</source>
        <translation>{when} 早于末次给药（{last_dose}）</translation>
    </message>
    <message>
        <source>{when} is before the patient&apos;s consent ({consent_date})</source>
        <translation>{when} 早于患者的知情同意（{consent_date}）</translation>
    </message>
    <message>
        <source>{when} is in the future</source>
        <translation>{when} 在未来</translation>
    </message>
    <message>
        <source>{where} could not save: {problem}; nothing was saved</source>
        <translation>{where} 无法保存：{problem}；未保存任何内容</translation>
    </message>
    <message>
        <source>{where} is read-only now (the file, its folder or its disk): nothing was saved</source>
        <translation>{where} 现为只读（文件、其所在文件夹或磁盘）：未保存任何内容</translation>
    </message>
    <message>
        <source>{where}: give millimetres to one decimal (e.g. 23.1)</source>
        <translation>{where}：请以毫米填写，保留一位小数（例如 23.1）</translation>
    </message>
    <message>
        <source>DD-MMM-YYYY</source>
        <translation>DD-MMM-YYYY</translation>
    </message>
    <message>
        <source> or UN-MMM-YYYY</source>
        <translation> 或 UN-MMM-YYYY</translation>
    </message>
    <message>
        <source>Day unknown: UN-JAN-2026; month unknown too: UN-UNK-2026</source>
        <translation>日期未知：UN-JAN-2026；月份也未知：UN-UNK-2026</translation>
    </message>
    <message>
        <source>Pick…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Pick a date (Alt+Down or F4 in the date)</source>
        <translation>选择日期（在日期中按 Alt+Down 或 F4）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a partial date: give the whole date here</source>
        <translation>“{text}”是不完整日期：此处请填写完整日期</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>The whole site</source>
        <translation>整个中心</translation>
    </message>
    <message>
        <source>By part</source>
        <translation>按部分</translation>
    </message>
    <message>
        <source>By dose level (Part 1)</source>
        <translation>按剂量水平（第 1 部分）</translation>
    </message>
    <message>
        <source>By cohort (Part 2)</source>
        <translation>按队列（第 2 部分）</translation>
    </message>
    <message>
        <source>Show one study, or every study of the site</source>
        <translation>显示一项研究，或本中心的所有研究</translation>
    </message>
    <message>
        <source>Worksheets: {visits}</source>
        <translation>工作表：{visits}</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>the preview was cancelled</source>
        <translation>预览已取消</translation>
    </message>
    <message>
        <source>Worksheets</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Making {visits} worksheet(s)…</source>
        <translation>正在生成 {visits} 份工作表…</translation>
    </message>
    <message>
        <source>Cannot make the worksheets: {exc}</source>
        <translation>无法生成工作表：{exc}</translation>
    </message>
    <message>
        <source>{visits} worksheet(s), {page_count} page(s)</source>
        <translation>{visits} 份工作表，{page_count} 页</translation>
    </message>
    <message>
        <source>Save the worksheets</source>
        <translation>保存工作表</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <source>Printing cancelled after {sent} of {page_count} pages</source>
        <translation>打印在 {page_count} 页中的第 {sent} 页后取消</translation>
    </message>
    <message>
        <source>{sent} page(s) sent to the printer</source>
        <translation>已向打印机发送 {sent} 页</translation>
    </message>
    <message>
        <source>Sending the worksheets to the printer…</source>
        <translation>正在将工作表发送到打印机…</translation>
    </message>
    <message>
        <source>Signed in: {printed_name} ({name}) · {role}</source>
        <extracomment>the languages a user can choose, by Qt&apos;s locale name, each named in itself</extracomment>
        <translation>已登录：{printed_name}（{name}） · {role}</translation>
    </message>
    <message>
        <source>{label}: {problem}</source>
        <translation>{label}：{problem}</translation>
    </message>
    <message>
        <source>{earliest} to {latest} (target {target})</source>
        <translation>{earliest} 至 {latest}（目标 {target}）</translation>
    </message>
    <message>
        <source>This database&apos;s audit trail holds an entry the app did not write, so nothing can be saved here and nobody can sign in to work: an administrator or a monitor runs &apos;sitetrack audit verify&apos; (which only reads) to see what was changed</source>
        <translation>此数据库的稽查轨迹中有一条不是本应用写入的记录，因此这里无法保存任何内容，也无人能登录工作：请管理员或监查员运行“sitetrack audit verify”（只读取）查看改动了什么</translation>
    </message>
    <message>
        <source>{path} is the database Site Tracker has open, not a file to read here: choose another file; nothing was changed</source>
        <translation>{path} 是 Site Tracker 正在使用的数据库，不是可在此读取的文件：请选择其他文件；未做任何更改</translation>
    </message>
    <message>
        <source>Nobody is signed in: sign in first. Nothing was saved</source>
        <translation>尚无人登录：请先登录。未保存任何内容</translation>
    </message>
    <message>
        <source>Someone else changed this account meanwhile; nothing was saved. Try again</source>
        <translation>其他人在此期间更改了此账户；未保存任何内容。请重试</translation>
    </message>
    <message>
        <source>This account was changed outside Site Tracker (it no longer matches the audit trail), so it cannot sign in: an administrator checks it with `sitetrack audit verify` and resets its password</source>
        <translation>此账户在 Site Tracker 之外被更改（已与审计追踪不符），因此无法登录：请管理员用 `sitetrack audit verify` 检查并重置其密码</translation>
    </message>
    <message>
        <source>Your account was deactivated after you signed in: nothing was done. Sign in with an active account</source>
        <translation>您登录后，您的账户已被停用：未执行任何操作。请使用有效账户登录</translation>
    </message>
    <message>
        <source>Your password was reset: choose your own (sitetrack password, or sign in again) before anything else</source>
        <translation>您的密码已被重置：请先设置您自己的密码（sitetrack password，或重新登录），再进行其他操作</translation>
    </message>
    <message>
        <source>Your role was changed to {role} after you signed in: nothing was done. Sign in again to go on</source>
        <translation>您登录后，您的角色已改为 {role}：未执行任何操作。请重新登录以继续</translation>
    </message>
    <message>
        <source>DLT period ended</source>
        <translation>DLT 观察期结束</translation>
    </message>
    <message>
        <source>Derived evaluability</source>
        <translation>推导的可评估性</translation>
    </message>
    <message>
        <source>DLT reviews due</source>
        <translation>待完成的 DLT 审阅</translation>
    </message>
    <message>
        <source>Eligibility to confirm: screening visits to sign</source>
        <translation>待确认的入选资格：待签名的筛选访视</translation>
    </message>
    <message>
        <source>Reading what waits for your signature…</source>
        <translation>正在读取等待您签名的内容…</translation>
    </message>
    <message>
        <source>{count} {kind}</source>
        <translation>{count} 项{kind}</translation>
    </message>
    <message>
        <source>For your signature: {waiting} on To sign{kinds} · {reviews} DLT reviews due · {eligibility} patients&apos; eligibility to confirm</source>
        <translation>待您签名：待签名 {waiting} 项{kinds} · 待完成的 DLT 审阅 {reviews} 项 · 待确认入选资格的患者 {eligibility} 名</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>As the system</source>
        <extracomment>the choices of Settings, in its words</extracomment>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>质疑</translation>
    </message>
    <message>
        <source>Open queries, oldest first</source>
        <translation>未解决的质疑（最早的在前）</translation>
    </message>
    <message>
        <source>Open queries, oldest first: {count}</source>
        <translation>未解决的质疑（最早的在前）：{count}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a query target: give {help}</source>
        <translation>“{text}”不是质疑对象：请给出 {help}</translation>
    </message>
    <message>
        <source>A query on a {record} can name one of its fields: {fields}</source>
        <translation>对 {record} 的质疑可指定其中一个字段：{fields}</translation>
    </message>
    <message>
        <source>Only {opened_by}, who opened this query, or a monitor closes or re-opens it</source>
        <translation>只有发起此质疑的 {opened_by} 或监查员可以关闭或重新打开它</translation>
    </message>
    <message>
        <source>Someone else changed this query while you were working on it: open it again</source>
        <translation>您处理期间他人已修改此质疑：请重新打开</translation>
    </message>
    <message>
        <source>This query is already closed</source>
        <translation>此质疑已关闭</translation>
    </message>
    <message>
        <source>This query is already open</source>
        <translation>此质疑已处于未解决状态</translation>
    </message>
    <message>
        <source>This query is {state}: only an open query is answered</source>
        <translation>此质疑为 {state}：只能回复未解决的质疑</translation>
    </message>
    <message>
        <source>{kind} needs the record&apos;s number ({kind}:7), not &apos;{ref}&apos;</source>
        <translation>{kind} 需要记录编号（{kind}:7），而不是“{ref}”</translation>
    </message>
    <message>
        <source>{what} needs a text: nothing was saved</source>
        <translation>{what}需要填写文字：未保存任何内容</translation>
    </message>
    <message>
        <source>{title} (read only)</source>
        <translation>{title}（只读）</translation>
    </message>
    <message>
        <source>Open query: {text}</source>
        <translation>未解决的质疑：{text}</translation>
    </message>
    <message>
        <source>A correction answering query {id} keeps its number in the reason</source>
        <extracomment>each patient page&apos;s queries bar (and the offer it was built with)</extracomment>
        <translation>回复质疑 {id} 的更正在原因中保留其编号</translation>
    </message>
    <message>
        <source>Open queries</source>
        <translation>未解决的质疑</translation>
    </message>
    <message>
        <source>Open a &amp;query…</source>
        <translation>发起质疑(&amp;Q)…</translation>
    </message>
    <message>
        <source>A query on the selected visit (or on the patient)</source>
        <translation>对所选访视（或患者）发起质疑</translation>
    </message>
    <message>
        <source>{n} open query</source>
        <translation>{n} 个未解决的质疑</translation>
    </message>
    <message>
        <source>{n} open queries</source>
        <translation>{n} 个未解决的质疑</translation>
    </message>
    <message>
        <source>Open and answered</source>
        <translation>未解决和已回复</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已回复</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Every state</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Older than 14 days</source>
        <translation>超过 14 天</translation>
    </message>
    <message>
        <source>&amp;Open a query…</source>
        <translation>发起质疑(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Answer…</source>
        <translation>回复(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Close…</source>
        <translation>关闭(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Re-open…</source>
        <translation>重新打开(&amp;R)…</translation>
    </message>
    <message>
        <source>The queries shown, to CSV or XLSX (Ctrl+E)</source>
        <translation>将显示的质疑导出为 CSV 或 XLSX（Ctrl+E）</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>质疑</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>发起时间</translation>
    </message>
    <message>
        <source>On</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>发起人</translation>
    </message>
    <message>
        <source>Enter answers, closes or re-opens the selected query</source>
        <translation>按 Enter 回复、关闭或重新打开所选质疑</translation>
    </message>
    <message>
        <source>No queries</source>
        <translation>没有质疑</translation>
    </message>
    <message>
        <source>No query matches the filters.</source>
        <translation>没有符合筛选条件的质疑。</translation>
    </message>
    <message>
        <source>{queries} shown, {open} open</source>
        <translation>显示 {queries}，{open} 个未解决</translation>
    </message>
    <message>
        <source>{n} query</source>
        <translation>{n} 个质疑</translation>
    </message>
    <message>
        <source>{n} queries</source>
        <translation>{n} 个质疑</translation>
    </message>
    <message>
        <source>Open a query</source>
        <translation>发起质疑</translation>
    </message>
    <message>
        <source>C1D1, AE:7, SCAN:3, PK:C1D1, PATIENT, or a field as C1D1.actual_date</source>
        <translation>C1D1、AE:7、SCAN:3、PK:C1D1、PATIENT，或字段如 C1D1.actual_date</translation>
    </message>
    <message>
        <source>What the query is about: {help}</source>
        <translation>质疑的对象：{help}</translation>
    </message>
    <message>
        <source>A query on {subject}: {about}</source>
        <translation>对 {subject} 的质疑：{about}</translation>
    </message>
    <message>
        <source>Answer a query</source>
        <translation>回复质疑</translation>
    </message>
    <message>
        <source>Close a query</source>
        <translation>关闭质疑</translation>
    </message>
    <message>
        <source>Re-open a query</source>
        <translation>重新打开质疑</translation>
    </message>
    <message>
        <source>&lt;b&gt;{subject} · {about}&lt;/b&gt; ({study})&lt;br&gt;{opened_by}, {opened_at}: {text}</source>
        <translation>&lt;b&gt;{subject} · {about}&lt;/b&gt;（{study}）&lt;br&gt;{opened_by}，{opened_at}：{text}</translation>
    </message>
    <message>
        <source>&lt;br&gt;Answer by {answered_by}, {answered_at}: {answer}</source>
        <translation>&lt;br&gt;{answered_by} 的回复，{answered_at}：{answer}</translation>
    </message>
    <message>
        <source>Corrections for this query:</source>
        <translation>针对此质疑的更正：</translation>
    </message>
    <message>
        <source>{record} {field}: {old} → {new} ({who}, {at})</source>
        <translation>{record} {field}：{old} → {new}（{who}，{at}）</translation>
    </message>
    <message>
        <source>What is still to be done</source>
        <translation>仍需处理的事项</translation>
    </message>
    <message>
        <source>The monitor&apos;s visit</source>
        <translation>监查访视</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>标记为已审阅</translation>
    </message>
    <message>
        <source>{n} line of the audit review</source>
        <translation>稽查轨迹审阅中的 {n} 行</translation>
    </message>
    <message>
        <source>{n} lines of the audit review</source>
        <translation>稽查轨迹审阅中的 {n} 行</translation>
    </message>
    <message>
        <source>&amp;Not reviewed only</source>
        <translation>仅未审阅(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Mark reviewed…</source>
        <translation>标记为已审阅(&amp;M)…</translation>
    </message>
    <message>
        <source>The selected lines reviewed, with your comment (Ctrl+Shift+R)</source>
        <translation>将所选行标记为已审阅，并附您的意见（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Nothing to review</source>
        <translation>无需审阅</translation>
    </message>
    <message>
        <source>Nothing in the period calls for a review, or none matches the filters.</source>
        <translation>此期间没有需要审阅的内容，或没有符合筛选条件的内容。</translation>
    </message>
    <message>
        <source>{finding}: {n}</source>
        <translation>{finding}：{n}</translation>
    </message>
    <message>
        <source>{lines} shown, {open} not reviewed yet</source>
        <translation>显示 {lines}，{open} 行尚未审阅</translation>
    </message>
    <message>
        <source>{n} line</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} lines</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>Select the lines to mark first</source>
        <translation>请先选择要标记的行</translation>
    </message>
    <message>
        <source>Monitoring visit report written to {path}</source>
        <translation>监查访视报告已写入 {path}</translation>
    </message>
    <message>
        <source>Export &amp;SDTM (.xpt, .csv, .xlsx)…</source>
        <translation>导出 SDTM(&amp;S) (.xpt, .csv, .xlsx)…</translation>
    </message>
    <message>
        <source>Each study&apos;s SDTMIG 3.4 datasets with controlled terminology and a define.xml, checked before they are written</source>
        <translation>每个研究的 SDTMIG 3.4 数据集，含受控术语和 Define-XML 文件，写入前先检查</translation>
    </message>
    <message>
        <source>&amp;Monitoring visit report (PDF)…</source>
        <translation>监查访视报告（PDF）(&amp;M)…</translation>
    </message>
    <message>
        <source>What was verified, the queries, deviations and open safety items of a period, e-signed by the monitor</source>
        <translation>一段期间内已核查的内容、质疑、方案偏离和未结的安全性事项，由监查员电子签名</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>监查</translation>
    </message>
    <message>
        <source>change after entry</source>
        <translation>录入后更改</translation>
    </message>
    <message>
        <source>changed since verified</source>
        <translation>核查后已更改</translation>
    </message>
    <message>
        <source>correction without a query</source>
        <translation>无质疑的更正</translation>
    </message>
    <message>
        <source>entered in error</source>
        <translation>误录入</translation>
    </message>
    <message>
        <source>failed sign-in</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>late entry</source>
        <translation>延迟录入</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已核查</translation>
    </message>
    <message>
        <source>not yet verified</source>
        <translation>尚未核查</translation>
    </message>
    <message>
        <source>partly verified</source>
        <translation>部分核查</translation>
    </message>
    <message>
        <source>refusal</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>sign-in outside working hours</source>
        <translation>工作时间外登录</translation>
    </message>
    <message>
        <source>AE {ae_id}: {term}</source>
        <translation>AE {ae_id}：{term}</translation>
    </message>
    <message>
        <source>Comment: say what the review found (it is kept in the audit trail)</source>
        <translation>意见：请说明审阅发现了什么（保存在稽查轨迹中）</translation>
    </message>
    <message>
        <source>Cycles verified in full: 0 to 99, not {value}</source>
        <translation>全部核查的周期数：0 至 99，而不是 {value}</translation>
    </message>
    <message>
        <source>Fields: name at least one field of {target}, or verify the whole record</source>
        <translation>字段：请至少指定 {target} 的一个字段，或核查整条记录</translation>
    </message>
    <message>
        <source>Late entry after: 1 to 365 days, not {value}</source>
        <translation>延迟录入的天数：1 至 365 天，而不是 {value}</translation>
    </message>
    <message>
        <source>PK samples of {code}</source>
        <translation>{code} 的 PK 样本</translation>
    </message>
    <message>
        <source>Scan of {scan_date}</source>
        <translation>{scan_date} 的扫描</translation>
    </message>
    <message>
        <source>Share of the rest: 0 to 100 %, not {value}</source>
        <translation>其余部分的比例：0 至 100 %，而不是 {value}</translation>
    </message>
    <message>
        <source>Target &apos;{target}&apos; is not a visit (C1D1), AE:ID, SCAN:ID or PK:VISIT</source>
        <translation>对象“{target}”不是访视（C1D1）、AE:ID、SCAN:ID 或 PK:VISIT</translation>
    </message>
    <message>
        <source>The period ends before it starts</source>
        <translation>期间的结束早于开始</translation>
    </message>
    <message>
        <source>The period needs a first and a last day</source>
        <translation>期间需要第一天和最后一天</translation>
    </message>
    <message>
        <source>Visit {code}</source>
        <translation>访视 {code}</translation>
    </message>
    <message>
        <source>Working hours end after they start</source>
        <translation>工作时间的结束须晚于开始</translation>
    </message>
    <message>
        <source>cycle {cycle}</source>
        <translation>第 {cycle} 周期</translation>
    </message>
    <message>
        <source>every SAE</source>
        <translation>所有 SAE</translation>
    </message>
    <message>
        <source>screening</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>signed in at {time}</source>
        <translation>于 {time} 登录</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>{changes}</source>
        <translation>{changes}</translation>
    </message>
    <message>
        <source>{event}</source>
        <translation>{event}</translation>
    </message>
    <message>
        <source>{event}: {detail}</source>
        <translation>{event}：{detail}</translation>
    </message>
    <message>
        <source>{field_name} is not a field of {target} (its fields: {fields})</source>
        <translation>{field_name} 不是 {target} 的字段（其字段：{fields}）</translation>
    </message>
    <message>
        <source>{field_name} {event_day} entered {days} days after</source>
        <translation>{field_name} {event_day}，{days} 天后才录入</translation>
    </message>
    <message>
        <source>{share_percent} % sample</source>
        <translation>{share_percent} % 抽样</translation>
    </message>
    <message>
        <source>Monitoring visit report</source>
        <translation>监查访视报告</translation>
    </message>
    <message>
        <source>What was verified, the queries, deviations and open safety items of the period, signed by you: your password again makes it your signature.</source>
        <translation>此期间已核查的内容、质疑、方案偏离和未结的安全性事项，由您签名：再次输入密码即为您的签名。</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Sign and save</source>
        <translation>签名并保存</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Verification state</source>
        <translation>核查状态</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Asked by the &amp;plan only</source>
        <translation>仅计划要求的(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Verify the selection</source>
        <translation>核查所选(&amp;V)</translation>
    </message>
    <message>
        <source>Mark the selected records verified as they stand, every field (Ctrl+Shift+V)</source>
        <translation>将所选记录按当前内容标记为已核查，全部字段（Ctrl+Shift+V）</translation>
    </message>
    <message>
        <source>Verify &amp;fields…</source>
        <translation>核查字段(&amp;F)…</translation>
    </message>
    <message>
        <source>Some fields of the current record, ticked one by one (Ctrl+Shift+F)</source>
        <translation>当前记录的部分字段，逐一勾选（Ctrl+Shift+F）</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Shift or Ctrl with the arrows selects several records; Ctrl+Shift+V verifies them</source>
        <translation>Shift 或 Ctrl 加方向键可选择多条记录；Ctrl+Shift+V 核查它们</translation>
    </message>
    <message>
        <source>Nothing to verify</source>
        <translation>没有需要核查的内容</translation>
    </message>
    <message>
        <source>No record is on file yet, or none matches the filters.</source>
        <translation>尚无记录，或没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>{records} shown: {changed} changed since verified, {waiting} asked by the plan and not verified</source>
        <translation>显示 {records}：{changed} 条核查后已更改，{waiting} 条为计划要求但尚未核查</translation>
    </message>
    <message>
        <source>{n} record</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Select the records to verify first (Shift or Ctrl with the arrows)</source>
        <translation>请先选择要核查的记录（Shift 或 Ctrl 加方向键）</translation>
    </message>
    <message>
        <source>{n} record verified</source>
        <translation>已核查 {n} 条记录</translation>
    </message>
    <message>
        <source>{n} records verified</source>
        <translation>已核查 {n} 条记录</translation>
    </message>
    <message>
        <source>Select the record first</source>
        <translation>请先选择记录</translation>
    </message>
    <message>
        <source>Source-data &amp;verification</source>
        <translation>源数据核查(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Audit-trail review</source>
        <translation>稽查轨迹审阅(&amp;A)</translation>
    </message>
    <message>
        <source>Source-data verification</source>
        <translation>源数据核查</translation>
    </message>
    <message>
        <source>Audit-trail review</source>
        <translation>稽查轨迹审阅</translation>
    </message>
    <message>
        <source>Verify fields</source>
        <translation>核查字段</translation>
    </message>
    <message>
        <source>{subject_id} · {what}: tick the fields verified against the source (Space), then Ctrl+S</source>
        <translation>{subject_id} · {what}：勾选已与源文件核对的字段（空格键），然后按 Ctrl+S</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Delegation log</source>
        <translation>授权分工记录</translation>
    </message>
    <message>
        <source>Delegate tasks on {code}</source>
        <translation>在 {code} 上授权任务</translation>
    </message>
    <message>
        <source>The delegation applies once the principal investigator approves it.</source>
        <translation>主要研究者批准后，授权方才生效。</translation>
    </message>
    <message>
        <source>Every task of the study</source>
        <translation>本研究的全部任务</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>To (empty: ongoing)</source>
        <translation>至（空：持续）</translation>
    </message>
    <message>
        <source>End {task} of {account}</source>
        <translation>结束 {account} 的 {task}</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>Approve delegations on {code}</source>
        <translation>批准 {code} 上的授权</translation>
    </message>
    <message>
        <source>Your password signs the approval of every task of the account that awaits it.</source>
        <translation>您的密码将签署该账户所有待批准任务的批准。</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <source>Record training</source>
        <translation>记录培训</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>protocol training: e.g. Amendment 1</source>
        <translation>方案培训：例如 Amendment 1</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>到期日期</translation>
    </message>
    <message>
        <source>&amp;Study</source>
        <translation>研究(&amp;S)</translation>
    </message>
    <message>
        <source>Approved by the PI</source>
        <translation>主要研究者批准</translation>
    </message>
    <message>
        <source>&amp;Delegate tasks…</source>
        <translation>授权任务(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;End the task…</source>
        <translation>结束任务(&amp;E)…</translation>
    </message>
    <message>
        <source>A&amp;pprove as PI…</source>
        <translation>以主要研究者身份批准(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Training…</source>
        <translation>培训(&amp;T)…</translation>
    </message>
    <message>
        <source>P&amp;rint the log…</source>
        <translation>打印记录(&amp;R)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>awaiting approval</source>
        <translation>待批准</translation>
    </message>
    <message>
        <source>No study yet</source>
        <translation>尚无研究</translation>
    </message>
    <message>
        <source>Principal investigator: {pi}. Enforced: {enforced}. Missing protocol training: {rule}.</source>
        <translation>主要研究者：{pi}。强制执行：{enforced}。缺少方案培训时：{rule}。</translation>
    </message>
    <message>
        <source>not named</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>Choose a task in the list first</source>
        <translation>请先在列表中选择一项任务</translation>
    </message>
    <message>
        <source>The delegation log</source>
        <translation>授权分工记录</translation>
    </message>
    <message>
        <source>Print the delegation log</source>
        <translation>打印授权分工记录</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>{account}: {what} expires on {day}</source>
        <translation>{account}：{what} 于 {day} 到期</translation>
    </message>
    <message>
        <source>Training to renew</source>
        <translation>需更新的培训</translation>
    </message>
    <message>
        <source>&amp;Delegation log…</source>
        <translation>授权分工记录(&amp;D)…</translation>
    </message>
    <message>
        <source>Who is delegated which task on each study, their training, the PI&apos;s approval; print or export the log</source>
        <translation>各研究中谁被授权哪些任务、其培训及主要研究者的批准；打印或导出记录</translation>
    </message>
    <message>
        <source>AE assessment</source>
        <translation>不良事件评估</translation>
    </message>
    <message>
        <source>Data entry</source>
        <translation>数据录入</translation>
    </message>
    <message>
        <source>Dosing and dispensing</source>
        <translation>给药与发药</translation>
    </message>
    <message>
        <source>Enrolment and eligibility</source>
        <translation>入组与资格</translation>
    </message>
    <message>
        <source>GCP</source>
        <translation>GCP</translation>
    </message>
    <message>
        <source>Informed consent</source>
        <translation>知情同意</translation>
    </message>
    <message>
        <source>PK sampling</source>
        <translation>PK 采样</translation>
    </message>
    <message>
        <source>Protocol training</source>
        <translation>方案培训</translation>
    </message>
    <message>
        <source>Query answers</source>
        <translation>质疑答复</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Tumour measurement</source>
        <translation>肿瘤测量</translation>
    </message>
    <message>
        <source>block</source>
        <translation>阻止</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Choose at least one task</source>
        <translation>请至少选择一项任务</translation>
    </message>
    <message>
        <source>Give the date the delegation starts</source>
        <translation>请填写授权开始日期</translation>
    </message>
    <message>
        <source>Give the date the training was completed</source>
        <translation>请填写培训完成日期</translation>
    </message>
    <message>
        <source>Give the last day of the delegation</source>
        <translation>请填写授权的最后一天</translation>
    </message>
    <message>
        <source>Give the reason the delegation ends</source>
        <translation>请填写授权结束的原因</translation>
    </message>
    <message>
        <source>Missing protocol training: warn or block</source>
        <translation>缺少方案培训时：警告或阻止</translation>
    </message>
    <message>
        <source>Name the principal investigator of {study} before enforcing its delegation log</source>
        <translation>强制执行授权分工记录前，请先指定 {study} 的主要研究者</translation>
    </message>
    <message>
        <source>No account {account}</source>
        <translation>没有账户 {account}</translation>
    </message>
    <message>
        <source>No study {code}</source>
        <translation>没有研究 {code}</translation>
    </message>
    <message>
        <source>Not delegated: {task} on {study} ({why}). Nothing was saved; the principal investigator delegates tasks in the Delegation log</source>
        <translation>未获授权：{study} 上的 {task}（{why}）。未保存任何内容；主要研究者在授权分工记录中授权任务</translation>
    </message>
    <message>
        <source>Nothing of {account} awaits approval on {study}</source>
        <translation>{account} 在 {study} 上没有待批准的任务</translation>
    </message>
    <message>
        <source>Only an administrator or the principal investigator of {study} keeps its delegation log</source>
        <translation>只有管理员或 {study} 的主要研究者可以维护其授权分工记录</translation>
    </message>
    <message>
        <source>Only an administrator or the study&apos;s principal investigator records training</source>
        <translation>只有管理员或该研究的主要研究者可以记录培训</translation>
    </message>
    <message>
        <source>Only the principal investigator of {study} ({pi}) approves its delegation log</source>
        <translation>只有 {study} 的主要研究者（{pi}）可以批准其授权分工记录</translation>
    </message>
    <message>
        <source>Protocol training names its study</source>
        <translation>方案培训须注明其研究</translation>
    </message>
    <message>
        <source>Protocol training names one of the study&apos;s versions: {versions}</source>
        <translation>方案培训须注明该研究的一个版本：{versions}</translation>
    </message>
    <message>
        <source>The end ({end}) is before the start ({start})</source>
        <translation>结束日期（{end}）早于开始日期（{start}）</translation>
    </message>
    <message>
        <source>The expiry ({end}) is before the completion ({start})</source>
        <translation>到期日期（{end}）早于完成日期（{start}）</translation>
    </message>
    <message>
        <source>The principal investigator is an active investigator account ({account} is not)</source>
        <translation>主要研究者须为有效的研究者账户（{account} 不是）</translation>
    </message>
    <message>
        <source>The study has no task &apos;{task}&apos; (its tasks: {tasks})</source>
        <translation>该研究没有任务“{task}”（其任务：{tasks}）</translation>
    </message>
    <message>
        <source>This delegation ended already on {end}</source>
        <translation>该授权已于 {end} 结束</translation>
    </message>
    <message>
        <source>Training: gcp or protocol</source>
        <translation>培训：gcp 或 protocol</translation>
    </message>
    <message>
        <source>you are not delegated for {task} on {day}</source>
        <translation>您在 {day} 未被授权 {task}</translation>
    </message>
    <message>
        <source>you have no GCP training on record</source>
        <translation>您没有 GCP 培训记录</translation>
    </message>
    <message>
        <source>you have no protocol training on {version}</source>
        <translation>您没有 {version} 的方案培训</translation>
    </message>
    <message>
        <source>your GCP training expired on {end}</source>
        <translation>您的 GCP 培训已于 {end} 到期</translation>
    </message>
    <message>
        <source>your delegation for {task} ended on {end}</source>
        <translation>您的 {task} 授权已于 {end} 结束</translation>
    </message>
    <message>
        <source>your delegation for {task} is not yet approved by the principal investigator</source>
        <translation>您的 {task} 授权尚未获主要研究者批准</translation>
    </message>
    <message>
        <source>{account} is already delegated {task} from {start}</source>
        <translation>{account} 自 {start} 起已被授权 {task}</translation>
    </message>
    <message>
        <source>{account} is deactivated: a task is delegated to an active account only</source>
        <translation>{account} 已停用：任务只能授权给有效账户</translation>
    </message>
    <message>
        <source>{account} is not delegated {task} on {study}</source>
        <translation>{account} 在 {study} 上未被授权 {task}</translation>
    </message>
    <message>
        <source>{study} has no principal investigator named: an administrator names one first</source>
        <translation>{study} 尚未指定主要研究者：请管理员先指定</translation>
    </message>
    <message>
        <source>Export SDTM</source>
        <translation>导出 SDTM</translation>
    </message>
    <message>
        <source>Each study&apos;s SDTMIG 3.4 datasets (DM, SV, AE, SUPPAE, EX, PC, TU, TR, RS, DS, DV) with SDTM CT 2024-12-20, in a folder named by its code. Checked first: what does not conform is named here and nothing is written.</source>
        <translation>每个研究的 SDTMIG 3.4 数据集（DM、SV、AE、SUPPAE、EX、PC、TU、TR、RS、DS、DV），采用 SDTM CT 2024-12-20，放在以研究代码命名的文件夹中。先检查：不符合规范之处会在此列出，且不写入任何文件。</translation>
    </message>
    <message>
        <source>Every study</source>
        <translation>所有研究</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>SAS XPORT v5 (.xpt, the submission format)</source>
        <translation>SAS XPORT v5（.xpt，递交格式）</translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <source>With its &amp;define.xml 2.1</source>
        <translation>附带 Define-XML 2.1 文件(&amp;D)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>where the study folders go</source>
        <translation>各研究文件夹的存放位置</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Checking and writing SDTM…</source>
        <translation>正在检查并写入 SDTM…</translation>
    </message>
    <message>
        <source>SDTM {studies} written to {path}</source>
        <translation>SDTM {studies} 已写入 {path}</translation>
    </message>
    <message>
        <source>Import &amp;USDM…</source>
        <translation>导入 USDM(&amp;U)…</translation>
    </message>
    <message>
        <source>Cycles of {days} days from {first}</source>
        <translation>周期 {days} 天,自 {first} 起</translation>
    </message>
    <message>
        <source>every {n} days</source>
        <translation>每 {n} 天</translation>
    </message>
    <message>
        <source>PK: {timepoints}</source>
        <translation>PK:{timepoints}</translation>
    </message>
    <message>
        <source>Import a USDM protocol</source>
        <translation>导入 USDM 方案</translation>
    </message>
    <message>
        <source>A sponsor&apos;s CDISC USDM v4 file (JSON) read into a draft protocol file. Tick each review item once decided (Space); the study is then added, or amended, as from its file.</source>
        <extracomment>after Save: the draft written, and the study it amends (None: a new study)</extracomment>
        <translation>将申办方的 CDISC USDM v4 文件(JSON)读入方案文件草稿。每个待审项决定后将其勾选(空格键);随后按该文件添加或修订研究。</translation>
    </message>
    <message>
        <source>Study version</source>
        <translation>研究版本</translation>
    </message>
    <message>
        <source>its id; empty: the file&apos;s last version</source>
        <translation>其 ID;留空:文件中的最新版本</translation>
    </message>
    <message>
        <source>Draft file</source>
        <translation>草稿文件</translation>
    </message>
    <message>
        <source>where the draft is written (.toml)</source>
        <translation>草稿写入的位置(.toml)</translation>
    </message>
    <message>
        <source>Read the file (F5)</source>
        <translation>读取文件(F5)</translation>
    </message>
    <message>
        <source>USDM schedule of activities</source>
        <translation>USDM 活动时间表</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Changes to the protocol in force</source>
        <translation>相对现行方案的变更</translation>
    </message>
    <message>
        <source>Decisions to review</source>
        <translation>待审决定</translation>
    </message>
    <message>
        <source>the sponsor&apos;s USDM v4 file (.json)</source>
        <translation>申办方的 USDM v4 文件(.json)</translation>
    </message>
    <message>
        <source>USDM file</source>
        <translation>USDM 文件</translation>
    </message>
    <message>
        <source>USDM files (*.json)</source>
        <translation>USDM 文件 (*.json)</translation>
    </message>
    <message>
        <source>Give the USDM file</source>
        <translation>请提供 USDM 文件</translation>
    </message>
    <message>
        <source>Problem: {problem}</source>
        <translation>问题:{problem}</translation>
    </message>
    <message>
        <source>{element}: {decide} [the draft: {guess}]</source>
        <translation>{element}:{decide} [草稿:{guess}]</translation>
    </message>
    <message>
        <source>A new study: no protocol in force to compare with.</source>
        <translation>新研究:没有可比较的现行方案。</translation>
    </message>
    <message>
        <source>The draft is not yet a protocol: see its problems.</source>
        <translation>草稿尚不是有效方案:请查看其问题。</translation>
    </message>
    <message>
        <source>Visits, windows and PK timepoints are unchanged.</source>
        <translation>访视、时间窗和 PK 时间点均未改变。</translation>
    </message>
    <message>
        <source>Read the file first (F5)</source>
        <translation>请先读取文件(F5)</translation>
    </message>
    <message>
        <source>The draft is not a protocol file yet: {problem}</source>
        <translation>草稿尚不是方案文件:{problem}</translation>
    </message>
    <message>
        <source>{n} review items are not decided: tick each one once decided (Space)</source>
        <translation>有 {n} 个待审项尚未决定:决定后逐一勾选(空格键)</translation>
    </message>
    <message>
        <source>Give the draft file, ending in .toml</source>
        <translation>请提供以 .toml 结尾的草稿文件</translation>
    </message>
    <message>
        <source>Cannot write {path}: {why}</source>
        <translation>无法写入 {path}:{why}</translation>
    </message>
    <message>
        <source>Lab results and their grades</source>
        <translation>化验结果及其分级</translation>
    </message>
    <message>
        <source>Held for review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Proposed: {term} grade {grade}</source>
        <translation>建议：{term} {grade} 级</translation>
    </message>
    <message>
        <source>AE accepted</source>
        <translation>不良事件已接受</translation>
    </message>
    <message>
        <source>AE dismissed: {reason}</source>
        <translation>不良事件已驳回：{reason}</translation>
    </message>
    <message>
        <source>E&amp;nter a result…</source>
        <translation>输入结果(&amp;N)…</translation>
    </message>
    <message>
        <source>Type a result from the lab&apos;s report</source>
        <translation>按化验室报告录入一个结果</translation>
    </message>
    <message>
        <source>&amp;Import labs…</source>
        <translation>导入化验(&amp;I)…</translation>
    </message>
    <message>
        <source>A lab&apos;s CSV or XLSX export, or a FHIR bundle: its results are held for review</source>
        <translation>化验室导出的 CSV 或 XLSX 文件，或 FHIR 数据包：其结果先待审核</translation>
    </message>
    <message>
        <source>Re&amp;view…</source>
        <translation>审核(&amp;V)…</translation>
    </message>
    <message>
        <source>Accept, correct or reject the selected imported result</source>
        <translation>接受、更正或拒绝所选的导入结果</translation>
    </message>
    <message>
        <source>Adverse &amp;event…</source>
        <translation>不良事件(&amp;E)…</translation>
    </message>
    <message>
        <source>Accept or dismiss the adverse event the selected result&apos;s grade proposes</source>
        <translation>接受或驳回所选结果的分级所建议的不良事件</translation>
    </message>
    <message>
        <source>Reference &amp;range…</source>
        <translation>参考范围(&amp;R)…</translation>
    </message>
    <message>
        <source>Add a lab&apos;s normal range (LLN, ULN) of an analyte</source>
        <translation>添加化验室某检测项目的正常范围（LLN、ULN）</translation>
    </message>
    <message>
        <source>Column &amp;mapping…</source>
        <translation>列映射(&amp;M)…</translation>
    </message>
    <message>
        <source>Name the columns of your lab&apos;s export, once</source>
        <translation>为化验室导出文件的各列命名（一次即可）</translation>
    </message>
    <message>
        <source>Trend of each lab</source>
        <translation>各项化验的趋势</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Why this grade</source>
        <translation>为何此分级</translation>
    </message>
    <message>
        <source>Lab results</source>
        <translation>化验结果</translation>
    </message>
    <message>
        <source>Enter or a double click: review a held result, or answer its proposed adverse event</source>
        <translation>回车或双击：审核待审结果，或答复其建议的不良事件</translation>
    </message>
    <message>
        <source>{value} (&lt;b&gt;grade {grade}&lt;/b&gt;)</source>
        <translation>{value}（&lt;b&gt;{grade} 级&lt;/b&gt;）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Last values:&lt;/b&gt; {values}</source>
        <translation>&lt;b&gt;最近的值：&lt;/b&gt;{values}</translation>
    </message>
    <message>
        <source>No lab results accepted yet</source>
        <translation>尚无已接受的化验结果</translation>
    </message>
    <message>
        <source>Re&amp;view… ({n} held)</source>
        <translation>审核(&amp;V)…（{n} 条待审）</translation>
    </message>
    <message>
        <source>Adverse &amp;event… ({n} proposed)</source>
        <translation>不良事件(&amp;E)…（{n} 条建议）</translation>
    </message>
    <message>
        <source>Lab files (*.csv *.xlsx *.json)</source>
        <translation>化验文件 (*.csv *.xlsx *.json)</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>化验</translation>
    </message>
    <message>
        <source>Lab result</source>
        <translation>化验结果</translation>
    </message>
    <message>
        <source>Analyte</source>
        <translation>检测项目</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>化验室</translation>
    </message>
    <message>
        <source>Sample date</source>
        <translation>采样日期</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>as the lab prints it: 10^9/L, /mm3, g/dL</source>
        <translation>按化验室所印：10^9/L、/mm3、g/dL</translation>
    </message>
    <message>
        <source>Review a lab result</source>
        <translation>审核化验结果</translation>
    </message>
    <message>
        <source>{name} {value} {unit} of {day} from {lab} (row {number} of the file)</source>
        <translation>{name} {value} {unit}，{day}，来自 {lab}（文件第 {number} 行）</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>why it is corrected or rejected</source>
        <translation>为何更正或拒绝</translation>
    </message>
    <message>
        <source>Proposed adverse event</source>
        <translation>建议的不良事件</translation>
    </message>
    <message>
        <source>a new adverse event</source>
        <translation>新的不良事件</translation>
    </message>
    <message>
        <source>the grade change of the open adverse event (grade {old})</source>
        <translation>对未结束不良事件的分级变更（原为 {old} 级）</translation>
    </message>
    <message>
        <source>{term}, grade {grade}, onset {onset}: {what}. From {name} {value} {unit} ({reason})</source>
        <translation>{term}，{grade} 级，开始于 {onset}：{what}。来自 {name} {value} {unit}（{reason}）</translation>
    </message>
    <message>
        <source>Accept into the AE log</source>
        <translation>接受并记入不良事件记录</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>why it is dismissed</source>
        <translation>为何驳回</translation>
    </message>
    <message>
        <source>Reference range</source>
        <translation>参考范围</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>两者</translation>
    </message>
    <message>
        <source>LLN</source>
        <translation>LLN</translation>
    </message>
    <message>
        <source>ULN</source>
        <translation>ULN</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>有效期止</translation>
    </message>
    <message>
        <source>Mapping name</source>
        <translation>映射名称</translation>
    </message>
    <message>
        <source>Subject ID column</source>
        <translation>受试者编号列</translation>
    </message>
    <message>
        <source>Analyte column</source>
        <translation>检测项目列</translation>
    </message>
    <message>
        <source>Value column</source>
        <translation>数值列</translation>
    </message>
    <message>
        <source>Unit column</source>
        <translation>单位列</translation>
    </message>
    <message>
        <source>Sample date column</source>
        <translation>采样日期列</translation>
    </message>
    <message>
        <source>Lab column</source>
        <translation>化验室列</translation>
    </message>
    <message>
        <source>Sample ID column</source>
        <translation>样本编号列</translation>
    </message>
    <message>
        <source>Lab (no lab column)</source>
        <translation>化验室（无化验室列时）</translation>
    </message>
    <message>
        <source>Test names</source>
        <translation>检验名称</translation>
    </message>
    <message>
        <source>one a line: the lab&apos;s name = the analyte&apos;s code, e.g. ANC = NEUT</source>
        <translation>每行一个：化验室的名称 = 检测项目代码，例如 ANC = NEUT</translation>
    </message>
    <message>
        <source>Import labs</source>
        <translation>导入化验</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>.csv, .xlsx or a FHIR bundle (.json)</source>
        <translation>.csv、.xlsx 或 FHIR 数据包（.json）</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>列映射</translation>
    </message>
    <message>
        <source>Standard columns</source>
        <translation>标准列</translation>
    </message>
    <message>
        <source>Check only</source>
        <translation>仅检查</translation>
    </message>
    <message>
        <source>keep nothing, list the problems</source>
        <translation>不保存任何内容，列出问题</translation>
    </message>
    <message>
        <source>Accept, correct or reject</source>
        <translation>接受、更正或拒绝</translation>
    </message>
    <message>
        <source>Choose the lab&apos;s file</source>
        <translation>请选择化验室的文件</translation>
    </message>
    <message>
        <source>Give the LLN, the ULN or both</source>
        <translation>请填写 LLN、ULN 或两者</translation>
    </message>
    <message>
        <source>Give the first day the range applies</source>
        <translation>请填写该范围开始适用的第一天</translation>
    </message>
    <message>
        <source>Give the lab that measured the sample</source>
        <translation>请填写测定该样本的化验室</translation>
    </message>
    <message>
        <source>Give the lab the range is of</source>
        <translation>请填写该范围所属的化验室</translation>
    </message>
    <message>
        <source>Give the mapping a name</source>
        <translation>请为映射命名</translation>
    </message>
    <message>
        <source>Give the reason to dismiss the proposed adverse event</source>
        <translation>请填写驳回所建议不良事件的理由</translation>
    </message>
    <message>
        <source>Give the reason to {decision} this result</source>
        <translation>请填写 {decision} 此结果的理由</translation>
    </message>
    <message>
        <source>Give the sample date</source>
        <translation>请填写采样日期</translation>
    </message>
    <message>
        <source>Name the lab&apos;s column, or the lab the file comes from</source>
        <translation>请指定化验室所在的列，或文件来自的化验室</translation>
    </message>
    <message>
        <source>No column mapping named {name}</source>
        <translation>没有名为 {name} 的列映射</translation>
    </message>
    <message>
        <source>No reference range for {analyte} at {lab} on {day} ({sex}): add the lab&apos;s range first</source>
        <translation>{analyte} 在 {lab} 于 {day}（{sex}）没有参考范围：请先添加该化验室的范围</translation>
    </message>
    <message>
        <source>Sample date {day} is before consent ({consent})</source>
        <translation>采样日期 {day} 早于知情同意（{consent}）</translation>
    </message>
    <message>
        <source>Sample date {when} is in the future</source>
        <translation>采样日期 {when} 是将来的日期</translation>
    </message>
    <message>
        <source>Sex is M, F or empty (both), not {sex}</source>
        <translation>性别为 M、F 或留空（两者），而不是 {sex}</translation>
    </message>
    <message>
        <source>The LLN {lln} is not below the ULN {uln}</source>
        <translation>LLN {lln} 不低于 ULN {uln}</translation>
    </message>
    <message>
        <source>The study&apos;s protocol lists no lab analytes</source>
        <translation>该研究的方案未列出化验项目</translation>
    </message>
    <message>
        <source>This result is {status} already: only a result held for review is reviewed</source>
        <translation>此结果已是{status}：只有待审核的结果才能审核</translation>
    </message>
    <message>
        <source>This result proposes no adverse event (any more)</source>
        <translation>此结果（已）不再建议不良事件</translation>
    </message>
    <message>
        <source>Valid to {end} is before valid from {start}</source>
        <translation>有效期止 {end} 早于有效期起 {start}</translation>
    </message>
    <message>
        <source>grade {grade}: {value} is {relation} {bound} ({text})</source>
        <translation>{grade} 级：{value} {relation} {bound}（{text}）</translation>
    </message>
    <message>
        <source>no lab result {result_id} for this patient</source>
        <translation>此患者没有化验结果 {result_id}</translation>
    </message>
    <message>
        <source>no reference range {range_id}</source>
        <translation>没有参考范围 {range_id}</translation>
    </message>
    <message>
        <source>the LLN {lln} is above the ULN {uln}</source>
        <translation>LLN {lln} 高于 ULN {uln}</translation>
    </message>
    <message>
        <source>{analyte} is not an analyte of the protocol (it lists {codes})</source>
        <translation>{analyte} 不是方案中的检测项目（方案列出：{codes}）</translation>
    </message>
    <message>
        <source>{analyte} {value} {unit} of {day} at {lab} is already recorded for this patient</source>
        <translation>此患者已有 {analyte} {value} {unit}（{day}，{lab}）的记录</translation>
    </message>
    <message>
        <source>{fields}: not what a mapping names (it names {known})</source>
        <translation>{fields}：不是映射可指定的内容（可指定：{known}）</translation>
    </message>
    <message>
        <source>{name} cannot be negative ({typed})</source>
        <translation>{name} 不能为负数（{typed}）</translation>
    </message>
    <message>
        <source>{name}: a lab file is .csv, .xlsx or a FHIR bundle (.json)</source>
        <translation>{name}：化验文件须为 .csv、.xlsx 或 FHIR 数据包（.json）</translation>
    </message>
    <message>
        <source>{name}: no such file</source>
        <translation>{name}：文件不存在</translation>
    </message>
    <message>
        <source>{name}: {typed} is not a number</source>
        <translation>{name}：{typed} 不是数字</translation>
    </message>
    <message>
        <source>{subject} is in two studies here</source>
        <translation>{subject} 在本中心的两个研究中</translation>
    </message>
    <message>
        <source>{subject} is no patient of this site</source>
        <translation>{subject} 不是本中心的患者</translation>
    </message>
    <message>
        <source>{term} is graded against the lower limit of normal: the LLN is needed</source>
        <translation>{term} 按正常值下限分级：需要 LLN</translation>
    </message>
    <message>
        <source>{term} is graded against the upper limit of normal: the ULN is needed</source>
        <translation>{term} 按正常值上限分级：需要 ULN</translation>
    </message>
    <message>
        <source>{term} is not a lab-defined CTCAE term graded from a value (the terms: {terms})</source>
        <translation>{term} 不是按数值分级的化验类 CTCAE 术语（术语有：{terms}）</translation>
    </message>
    <message>
        <source>{unit} is not a unit of {analyte} (it takes {units})</source>
        <translation>{unit} 不是 {analyte} 的单位（可用：{units}）</translation>
    </message>
    <message>
        <source>{unit} is not a unit of {quantity} (it takes {units})</source>
        <translation>{unit} 不是 {quantity} 的单位（可用：{units}）</translation>
    </message>
    <message>
        <source>{value} is not above the baseline {baseline}: no grade</source>
        <translation>{value} 不高于基线 {baseline}：无分级</translation>
    </message>
    <message>
        <source>{value} is not {relation} {bound}: no grade</source>
        <translation>{value} 并非 {relation} {bound}：无分级</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>(a free one)</source>
        <translation>（任一空闲）</translation>
    </message>
    <message>
        <source>(none named)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>Book {code} of {subject}</source>
        <translation>预约 {subject} 的 {code}</translation>
    </message>
    <message>
        <source>The window, the site&apos;s hours and closures, the chair and the nurse are checked; a refusal names the free days.</source>
        <translation>将检查访视窗口、中心的开放时间和闭馆日、座椅和护士；如被拒绝，会列出空闲日期。</translation>
    </message>
    <message>
        <source>Chair or room</source>
        <translation>座椅或房间</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <source>only for a booking outside the window</source>
        <translation>仅用于窗口外的预约</translation>
    </message>
    <message>
        <source>Give the date of the booking (DD-MMM-YYYY)</source>
        <translation>请填写预约日期（DD-MMM-YYYY）</translation>
    </message>
    <message>
        <source>Give the time of the booking (24-hour, 09:30)</source>
        <translation>请填写预约时间（24 小时制，09:30）</translation>
    </message>
    <message>
        <source>Cancel the booking of {code} of {subject}</source>
        <translation>取消 {subject} 的 {code} 预约</translation>
    </message>
    <message>
        <source>why the booking is cancelled</source>
        <translation>取消预约的原因</translation>
    </message>
    <message>
        <source>Book the cycle of {subject}</source>
        <translation>预约 {subject} 的整个周期</translation>
    </message>
    <message>
        <source>Propose (Alt+P)</source>
        <translation>建议（Alt+P）</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>座椅</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{fits} of {n} visits proposed: Ctrl+S books them</source>
        <translation>已建议 {n} 次访视中的 {fits} 次：按 Ctrl+S 预约</translation>
    </message>
    <message>
        <source>Propose the cycle first (Alt+P)</source>
        <translation>请先建议周期（Alt+P）</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>排程</translation>
    </message>
    <message>
        <source>Rebook…</source>
        <translation>重新预约…</translation>
    </message>
    <message>
        <source>Book again a visit listed to rebook or cancel</source>
        <translation>重新预约列出的需重新预约或取消的访视</translation>
    </message>
    <message>
        <source>Bookings to rebook or cancel</source>
        <translation>需重新预约或取消的预约</translation>
    </message>
    <message>
        <source>Select a booking to rebook or cancel</source>
        <translation>请选择要重新预约或取消的预约</translation>
    </message>
    <message>
        <source>Book…</source>
        <translation>预约…</translation>
    </message>
    <message>
        <source>Book the selected visit: a time, a chair, a nurse</source>
        <translation>预约所选访视：时间、座椅、护士</translation>
    </message>
    <message>
        <source>Book the cycle…</source>
        <translation>预约整个周期…</translation>
    </message>
    <message>
        <source>Every visit of the selected visit&apos;s cycle at once</source>
        <translation>一次预约所选访视所在周期的全部访视</translation>
    </message>
    <message>
        <source>Select the visit to book first</source>
        <translation>请先选择要预约的访视</translation>
    </message>
    <message>
        <source>A name is at most 40 characters</source>
        <translation>名称最多 40 个字符</translation>
    </message>
    <message>
        <source>A resource is a chair or a room, not &apos;{kind}&apos;</source>
        <translation>资源是座椅或房间，而不是“{kind}”</translation>
    </message>
    <message>
        <source>Booking to confirm</source>
        <translation>待确认的预约</translation>
    </message>
    <message>
        <source>Cycle {cycle} of this patient has no visit to book</source>
        <translation>该患者的第 {cycle} 周期没有可预约的访视</translation>
    </message>
    <message>
        <source>Give at least one weekday</source>
        <translation>请至少填写一个工作日</translation>
    </message>
    <message>
        <source>Give the chair&apos;s or room&apos;s name</source>
        <translation>请填写座椅或房间的名称</translation>
    </message>
    <message>
        <source>Give the day the site is closed</source>
        <translation>请填写中心闭馆的日期</translation>
    </message>
    <message>
        <source>Give the reason the booking of {code} is cancelled</source>
        <translation>请填写取消 {code} 预约的原因</translation>
    </message>
    <message>
        <source>No {kind} is free on {day} from {start} to {end} (all {n} are booked)</source>
        <translation>{day} {start} 至 {end} 没有空闲的 {kind}（全部 {n} 个均已预约）</translation>
    </message>
    <message>
        <source>PK sample due</source>
        <translation>PK 采样即将到时</translation>
    </message>
    <message>
        <source>SAE report due</source>
        <translation>SAE 报告即将到期</translation>
    </message>
    <message>
        <source>SAE report late</source>
        <translation>SAE 报告已逾期</translation>
    </message>
    <message>
        <source>Say what the closure is (a holiday, say), in at most 80 characters</source>
        <translation>请说明闭馆原因（如节假日），最多 80 个字符</translation>
    </message>
    <message>
        <source>The planner shows 1 to {most} days, not {days}</source>
        <translation>排程显示 1 至 {most} 天，而不是 {days} 天</translation>
    </message>
    <message>
        <source>The site already has &apos;{name}&apos;</source>
        <translation>中心已有“{name}”</translation>
    </message>
    <message>
        <source>The site closes after it opens: {text}</source>
        <translation>中心的关闭时间应晚于开放时间：{text}</translation>
    </message>
    <message>
        <source>The site has no {kind} to book: an administrator adds them (Settings, Resources)</source>
        <translation>中心没有可预约的 {kind}：请管理员添加（设置，资源）</translation>
    </message>
    <message>
        <source>The site is already closed on {day}</source>
        <translation>中心在 {day} 已闭馆</translation>
    </message>
    <message>
        <source>The site is closed on {day} ({label})</source>
        <translation>中心在 {day} 闭馆（{label}）</translation>
    </message>
    <message>
        <source>There is no nurse account &apos;{nurse}&apos; (active nurses and investigators: {names})</source>
        <translation>没有护士账户“{nurse}”（在用的护士和研究者：{names}）</translation>
    </message>
    <message>
        <source>There is no {kind} named &apos;{name}&apos; (the site&apos;s: {names})</source>
        <translation>没有名为“{name}”的 {kind}（中心现有：{names}）</translation>
    </message>
    <message>
        <source>Type the opening hours as 08:00-18:00 Mon-Fri</source>
        <translation>请按 08:00-18:00 Mon-Fri 的格式填写开放时间</translation>
    </message>
    <message>
        <source>Visit to book</source>
        <translation>待预约的访视</translation>
    </message>
    <message>
        <source>booked on {booked}, now outside its window {window}</source>
        <translation>预约于 {booked}，现已超出其窗口 {window}</translation>
    </message>
    <message>
        <source>booked on {day}, not its target {target}: {why}</source>
        <translation>预约于 {day}，而非目标日 {target}：{why}</translation>
    </message>
    <message>
        <source>no account named &apos;{account}&apos;</source>
        <translation>没有名为“{account}”的账户</translation>
    </message>
    <message>
        <source>no chair or room with id {place_id}</source>
        <translation>没有 ID 为 {place_id} 的座椅或房间</translation>
    </message>
    <message>
        <source>no closure with id {closure_id}</source>
        <translation>没有 ID 为 {closure_id} 的闭馆日</translation>
    </message>
    <message>
        <source>nothing fits in its window {window}: {why}</source>
        <translation>其窗口 {window} 内无可用安排：{why}</translation>
    </message>
    <message>
        <source>the target has passed</source>
        <translation>目标日已过</translation>
    </message>
    <message>
        <source>the window has passed</source>
        <translation>窗口已过</translation>
    </message>
    <message>
        <source>{code} from {start} to {end} is outside the opening hours ({hours})</source>
        <translation>{code} 从 {start} 至 {end} 超出开放时间（{hours}）</translation>
    </message>
    <message>
        <source>{code} is already recorded: there is nothing to book</source>
        <translation>{code} 已记录：无需预约</translation>
    </message>
    <message>
        <source>{code} is no longer expected (cancelled): it cannot be booked</source>
        <translation>{code} 已不再需要（已取消）：无法预约</translation>
    </message>
    <message>
        <source>{code} is no longer expected: cancel its booking</source>
        <translation>{code} 已不再需要：请取消其预约</translation>
    </message>
    <message>
        <source>{code} of this patient is not booked</source>
        <translation>该患者的 {code} 尚未预约</translation>
    </message>
    <message>
        <source>{day} is in the past: a closure is from today on</source>
        <translation>{day} 已过去：闭馆日须从今天起</translation>
    </message>
    <message>
        <source>{day} is outside the window of {code}, {window}: book inside it or give the reason</source>
        <translation>{day} 超出 {code} 的窗口 {window}：请在窗口内预约或填写原因</translation>
    </message>
    <message>
        <source>{name} is booked then for {subject} {code} ({start} to {end}); free then: {free}</source>
        <translation>{name} 该时段已被 {subject} {code} 预约（{start} 至 {end}）；该时段空闲：{free}</translation>
    </message>
    <message>
        <source>{nurse} does not work on {weekday} (works {days})</source>
        <translation>{nurse} 在 {weekday} 不上班（上班日：{days}）</translation>
    </message>
    <message>
        <source>{nurse} draws {subject}&apos;s {code} tube at {at}: {mine} is a PK timepoint of {this} (at least {gap} min apart)</source>
        <translation>{nurse} 于 {at} 为 {subject} 的 {code} 采血：{mine} 是 {this} 的 PK 时间点（至少间隔 {gap} 分钟）</translation>
    </message>
    <message>
        <source>{nurse} has PK tubes of {a} and {b} less than {tube} min apart</source>
        <translation>{nurse} 的 {a} 与 {b} 的 PK 采血间隔不足 {tube} 分钟</translation>
    </message>
    <message>
        <source>{nurse} is not delegated for PK sampling on this study on {day}: {code} draws PK tubes</source>
        <translation>{nurse} 在 {day} 未被授权进行本研究的 PK 采样：{code} 需采集 PK 样本</translation>
    </message>
    <message>
        <source>{place}: {a} and {b} overlap</source>
        <translation>{place}：{a} 与 {b} 时间重叠</translation>
    </message>
    <message>
        <source>{refusal}; free days in the window: {days}</source>
        <translation>{refusal}；窗口内的空闲日期：{days}</translation>
    </message>
    <message>
        <source>{subject} {code} tomorrow at {at} has no nurse yet</source>
        <translation>{subject} {code} 明天 {at} 尚未指定护士</translation>
    </message>
    <message>
        <source>{subject} {code}: PK sample at {at}{chair}</source>
        <translation>{subject} {code}：{at} PK 采样{chair}</translation>
    </message>
    <message>
        <source>{subject} {code}: its window opens {day}, not booked yet</source>
        <translation>{subject} {code}：窗口于 {day} 开放，尚未预约</translation>
    </message>
    <message>
        <source>{subject} {term}: report to the sponsor due {at}</source>
        <translation>{subject} {term}：须于 {at} 前向申办方报告</translation>
    </message>
    <message>
        <source>{who} is booked on a closure ({label})</source>
        <translation>{who} 预约在闭馆日（{label}）</translation>
    </message>
    <message>
        <source>{who} is booked outside its window</source>
        <translation>{who} 的预约超出其窗口</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is not a weekday: type them as Mon Tue Wed Thu Fri Sat Sun, or Mon-Fri</source>
        <translation>“{item}”不是工作日：请填写 Mon Tue Wed Thu Fri Sat Sun，或 Mon-Fri</translation>
    </message>
    <message>
        <source>&apos;{item}&apos;: a range of days runs Monday to Sunday</source>
        <translation>“{item}”：日期范围应从周一到周日</translation>
    </message>
    <message>
        <source>{when} is in the past: book {code} from {today} on</source>
        <translation>{when} 已过去：请从 {today} 起预约 {code}</translation>
    </message>
    <message>
        <source>PK</source>
        <translation>PK</translation>
    </message>
    <message>
        <source>outside its window</source>
        <translation>超出窗口</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Day or week</source>
        <translation>按日或按周</translation>
    </message>
    <message>
        <source>reason for a move by keys</source>
        <translation>用按键移动的原因</translation>
    </message>
    <message>
        <source>Reason for a move</source>
        <translation>移动原因</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>移动…</translation>
    </message>
    <message>
        <source>Cancel booking…</source>
        <translation>取消预约…</translation>
    </message>
    <message>
        <source>Day sheet…</source>
        <translation>日程表…</translation>
    </message>
    <message>
        <source>{nurse}: {patients} patient(s), {tubes} PK tube(s)</source>
        <translation>{nurse}：{patients} 名患者，{tubes} 个 PK 样本管</translation>
    </message>
    <message>
        <source>{day}: closed ({label})</source>
        <translation>{day}：闭馆（{label}）</translation>
    </message>
    <message>
        <source>From {day} · opening hours {hours}</source>
        <translation>自 {day} 起 · 开放时间 {hours}</translation>
    </message>
    <message>
        <source>Nurses: {loads}</source>
        <translation>护士：{loads}</translation>
    </message>
    <message>
        <source>none booked</source>
        <translation>无预约</translation>
    </message>
    <message>
        <source>Conflict: {what}</source>
        <translation>冲突：{what}</translation>
    </message>
    <message>
        <source>Elsewhere</source>
        <translation>其他地点</translation>
    </message>
    <message>
        <source>PK timepoints: {ticks}</source>
        <translation>PK 时间点：{ticks}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{code} stays inside its window</source>
        <translation>{code} 须留在其窗口内</translation>
    </message>
    <message>
        <source>Type the reason for the move first</source>
        <translation>请先填写移动的原因</translation>
    </message>
    <message>
        <source>Select a booking in the planner</source>
        <translation>请在排程中选择一个预约</translation>
    </message>
    <message>
        <source>The day sheet of {day}</source>
        <translation>{day} 的日程表</translation>
    </message>
    <message>
        <source>Day sheet</source>
        <translation>日程表</translation>
    </message>
    <message>
        <source>Give the reason (kept in the audit trail)</source>
        <translation>请填写原因（记入稽查轨迹）</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>闭馆日</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>上班日</translation>
    </message>
    <message>
        <source>Add a chair or room…</source>
        <translation>添加座椅或房间…</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Close a day…</source>
        <translation>设置闭馆日…</translation>
    </message>
    <message>
        <source>Withdraw a closure…</source>
        <translation>撤销闭馆日…</translation>
    </message>
    <message>
        <source>Opening hours…</source>
        <translation>开放时间…</translation>
    </message>
    <message>
        <source>Working days…</source>
        <translation>工作日…</translation>
    </message>
    <message>
        <source>Opening hours: {hours}</source>
        <translation>开放时间：{hours}</translation>
    </message>
    <message>
        <source>Add a chair or room</source>
        <translation>添加座椅或房间</translation>
    </message>
    <message>
        <source>Chair 4, Bed 2, Room B</source>
        <translation>座椅 4、床位 2、房间 B</translation>
    </message>
    <message>
        <source>chair</source>
        <translation>座椅</translation>
    </message>
    <message>
        <source>room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Retire {name}</source>
        <translation>停用 {name}</translation>
    </message>
    <message>
        <source>Close the site on a day</source>
        <translation>设置中心闭馆日</translation>
    </message>
    <message>
        <source>a public holiday</source>
        <translation>公共假日</translation>
    </message>
    <message>
        <source>Withdraw a closure</source>
        <translation>撤销闭馆日</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>开放时间</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Works on</source>
        <translation>上班日</translation>
    </message>
    <message>
        <source>PK specimens and shipments</source>
        <translation>PK 标本与运输</translation>
    </message>
    <message>
        <source>Specimens</source>
        <translation>标本</translation>
    </message>
    <message>
        <source>At the bench…</source>
        <translation>工作台…</translation>
    </message>
    <message>
        <source>The tubes&apos; spin and freeze clocks; F7, F8 record them</source>
        <translation>样本管的离心和冷冻计时；F7、F8 记录</translation>
    </message>
    <message>
        <source>{subject_id} {code}: at the bench</source>
        <translation>{subject_id} {code}：工作台</translation>
    </message>
    <message>
        <source>PK aliquot missing at the lab</source>
        <translation>PK 分装样本在实验室缺失</translation>
    </message>
    <message>
        <source>PK aliquot received damaged</source>
        <translation>PK 分装样本到达时已损坏</translation>
    </message>
    <message>
        <source>PK aliquot received thawed</source>
        <translation>PK 分装样本到达时已解冻</translation>
    </message>
    <message>
        <source>PK sample frozen late</source>
        <translation>PK 样本冷冻延迟</translation>
    </message>
    <message>
        <source>PK sample spun late</source>
        <translation>PK 样本离心延迟</translation>
    </message>
    <message>
        <source>Box label &apos;{label}&apos; may hold letters, digits, &apos;-&apos;, &apos;.&apos; and &apos;_&apos; only (it is printed as a barcode)</source>
        <translation>盒子标签“{label}”只能包含字母、数字、“-”、“.”和“_”（它会打印为条形码）</translation>
    </message>
    <message>
        <source>Freeze time of {tube} ({at}) is before its spin start ({spun})</source>
        <translation>{tube} 的冷冻时间（{at}）早于其离心开始时间（{spun}）</translation>
    </message>
    <message>
        <source>Give the box&apos;s label</source>
        <translation>请填写盒子标签</translation>
    </message>
    <message>
        <source>Give the courier</source>
        <translation>请填写快递公司</translation>
    </message>
    <message>
        <source>Give the courier&apos;s tracking number</source>
        <translation>请填写快递单号</translation>
    </message>
    <message>
        <source>Give the spin start of {tube} before its freeze time</source>
        <translation>请先填写 {tube} 的离心开始时间，再填写冷冻时间</translation>
    </message>
    <message>
        <source>No aliquot {aliquot}</source>
        <translation>没有分装样本 {aliquot}</translation>
    </message>
    <message>
        <source>No drawn tube {tube}</source>
        <translation>没有已采集的样本管 {tube}</translation>
    </message>
    <message>
        <source>No shipment {n}</source>
        <translation>没有运输批次 {n}</translation>
    </message>
    <message>
        <source>No stored aliquot to ship: pick at least one</source>
        <translation>没有可运输的已储存分装样本：请至少选择一个</translation>
    </message>
    <message>
        <source>No tube {tube}</source>
        <translation>没有样本管 {tube}</translation>
    </message>
    <message>
        <source>Position &apos;{text}&apos; is not a box position (A1 to {last})</source>
        <translation>位置“{text}”不是盒内位置（A1 至 {last}）</translation>
    </message>
    <message>
        <source>Position {position} of box {box} is taken by {occupant}</source>
        <translation>盒子 {box} 的位置 {position} 已被 {occupant} 占用</translation>
    </message>
    <message>
        <source>Position {text} is outside the box (A1 to {last})</source>
        <translation>位置 {text} 超出盒子范围（A1 至 {last}）</translation>
    </message>
    <message>
        <source>Row {row}: no {column}</source>
        <translation>第 {row} 行：没有 {column}</translation>
    </message>
    <message>
        <source>Row {row}: {aliquot} is listed twice (row {first})</source>
        <translation>第 {row} 行：{aliquot} 重复列出（第 {first} 行）</translation>
    </message>
    <message>
        <source>Say why {aliquot} was {condition}</source>
        <translation>请说明 {aliquot} 为何 {condition}</translation>
    </message>
    <message>
        <source>Shipment {n} is {state}, not packed</source>
        <translation>运输批次 {n} 为 {state}，不是已打包</translation>
    </message>
    <message>
        <source>Shipment {n} is {state}: its receipt cannot be recorded</source>
        <translation>运输批次 {n} 为 {state}：无法记录其接收</translation>
    </message>
    <message>
        <source>Shipment {n} is {state}: only a shipment that has not left can be cancelled</source>
        <translation>运输批次 {n} 为 {state}：只有尚未发出的运输批次可以取消</translation>
    </message>
    <message>
        <source>The receipt file has no column &apos;{column}&apos; (its columns: {columns})</source>
        <translation>接收文件没有“{column}”列（其列为：{columns}）</translation>
    </message>
    <message>
        <source>The receipt file lists no sample</source>
        <translation>接收文件未列出任何样本</translation>
    </message>
    <message>
        <source>There is already a box {label}</source>
        <translation>已存在盒子 {label}</translation>
    </message>
    <message>
        <source>{aliquot} has no discrepancy to explain</source>
        <translation>{aliquot} 没有需要说明的差异</translation>
    </message>
    <message>
        <source>{aliquot} is already shipped (shipment {n})</source>
        <translation>{aliquot} 已运输（运输批次 {n}）</translation>
    </message>
    <message>
        <source>{aliquot} is not frozen yet: record its freeze time first</source>
        <translation>{aliquot} 尚未冷冻：请先记录其冷冻时间</translation>
    </message>
    <message>
        <source>{aliquot} is picked twice</source>
        <translation>{aliquot} 被选择了两次</translation>
    </message>
    <message>
        <source>{aliquot} is {state}: it is no longer at the site</source>
        <translation>{aliquot} 为 {state}：已不在本中心</translation>
    </message>
    <message>
        <source>{aliquot} is {state}: only stored aliquots are shipped</source>
        <translation>{aliquot} 为 {state}：只能运输已储存的分装样本</translation>
    </message>
    <message>
        <source>{label} of {tube} ({at}) is before its draw ({drawn})</source>
        <translation>{tube} 的{label}（{at}）早于采血时间（{drawn}）</translation>
    </message>
    <message>
        <source>{label} of {tube} ({at}) is more than 24 hours after its draw ({drawn})</source>
        <translation>{tube} 的{label}（{at}）晚于采血时间（{drawn}）超过 24 小时</translation>
    </message>
    <message>
        <source>{label} of {tube} ({when}) is in the future</source>
        <translation>{tube} 的{label}（{when}）在未来</translation>
    </message>
    <message>
        <source>{tube} is not drawn yet: record its draw time on the PK panel first</source>
        <translation>{tube} 尚未采集：请先在 PK 面板记录采血时间</translation>
    </message>
    <message>
        <source>&amp;Bench</source>
        <translation>工作台(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Freezer boxes</source>
        <translation>冷冻盒(&amp;F)</translation>
    </message>
    <message>
        <source>S&amp;hipments</source>
        <translation>运输(&amp;H)</translation>
    </message>
    <message>
        <source>{study}&apos;s protocol file has no [specimens] section: the lab manual&apos;s processing rules are not known here</source>
        <translation>{study} 的方案文件没有 [specimens] 部分：此处不知道实验室手册的处理规则</translation>
    </message>
    <message>
        <source>done at {minutes} min</source>
        <extracomment>a clock&apos;s colour as the screen&apos;s statuses: green done, amber closing or late, red overdue</extracomment>
        <translation>于 {minutes} 分钟完成</translation>
    </message>
    <message>
        <source>{minutes} min: {late} min late</source>
        <translation>{minutes} 分钟：延迟 {late} 分钟</translation>
    </message>
    <message>
        <source>OVERDUE by {minutes} min</source>
        <translation>已超时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{minutes} min left (by {limit:%H:%M})</source>
        <translation>剩余 {minutes} 分钟（{limit:%H:%M} 前）</translation>
    </message>
    <message>
        <source>scan or type a tube&apos;s barcode, then Enter</source>
        <translation>扫描或输入样本管条形码，然后按 Enter</translation>
    </message>
    <message>
        <source>Tube</source>
        <translation>样本管</translation>
    </message>
    <message>
        <source>&amp;Tube:</source>
        <translation>样本管(&amp;T)：</translation>
    </message>
    <message>
        <source>HH:MM, empty: now</source>
        <translation>HH:MM，留空：现在</translation>
    </message>
    <message>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation>时间(&amp;A)：</translation>
    </message>
    <message>
        <source>Spin started (F7)</source>
        <translation>开始离心 (F7)</translation>
    </message>
    <message>
        <source>Frozen (F8)</source>
        <translation>已冷冻 (F8)</translation>
    </message>
    <message>
        <source>Aliquot labels…</source>
        <translation>分装样本标签…</translation>
    </message>
    <message>
        <source>Drawn</source>
        <translation>采血</translation>
    </message>
    <message>
        <source>Spin</source>
        <translation>离心</translation>
    </message>
    <message>
        <source>Freeze</source>
        <translation>冷冻</translation>
    </message>
    <message>
        <source>Aliquots</source>
        <translation>分装样本</translation>
    </message>
    <message>
        <source>Tubes at the bench</source>
        <translation>工作台上的样本管</translation>
    </message>
    <message>
        <source>No tubes at the bench</source>
        <translation>工作台上没有样本管</translation>
    </message>
    <message>
        <source>The tubes drawn today, and those of the last {hours} hours not frozen yet, show here with their spin and freeze clocks. A tube comes here once its draw time is recorded on the patient&apos;s PK tab.</source>
        <translation>今天采集的样本管，以及过去 {hours} 小时内尚未冷冻的样本管，会连同其离心和冷冻计时显示在这里。在患者的 PK 标签页记录采血时间后，样本管即会出现在这里。</translation>
    </message>
    <message>
        <source>{tube}: {subject} {visit} {timepoint}, drawn {drawn}</source>
        <translation>{tube}：{subject} {visit} {timepoint}，采血于 {drawn}</translation>
    </message>
    <message>
        <source>No tube {tube} at the bench (drawn and not frozen yet, or drawn today)</source>
        <translation>工作台上没有样本管 {tube}（已采集但尚未冷冻，或今天采集）</translation>
    </message>
    <message>
        <source>Scan or pick a tube first</source>
        <translation>请先扫描或选择样本管</translation>
    </message>
    <message>
        <source>{tube}: spin started {at}</source>
        <translation>{tube}：于 {at} 开始离心</translation>
    </message>
    <message>
        <source>{tube}: frozen {at}</source>
        <translation>{tube}：于 {at} 冷冻</translation>
    </message>
    <message>
        <source>Pick a spun tube: its aliquots have labels</source>
        <translation>请选择已离心的样本管：其分装样本有标签</translation>
    </message>
    <message>
        <source>Aliquot labels</source>
        <translation>分装样本标签</translation>
    </message>
    <message>
        <source>New shipment to the central lab</source>
        <translation>新建发往中心实验室的运输批次</translation>
    </message>
    <message>
        <source>Stored aliquots are packed: one patient&apos;s, one cycle&apos;s, or every one due by the protocol&apos;s shipping frequency.</source>
        <translation>打包已储存的分装样本：某位患者的、某个周期的，或按方案运输频率到期的全部样本。</translation>
    </message>
    <message>
        <source>subject ID, empty: every patient</source>
        <translation>受试者编号，留空：所有患者</translation>
    </message>
    <message>
        <source>a number, empty: every cycle</source>
        <translation>数字，留空：所有周期</translation>
    </message>
    <message>
        <source>Only those due</source>
        <translation>仅到期的</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>Cycle: give a number, not &apos;{text}&apos;</source>
        <translation>周期：请填写数字，而不是“{text}”</translation>
    </message>
    <message>
        <source>New shipment…</source>
        <translation>新建运输批次…</translation>
    </message>
    <message>
        <source>Manifest PDF…</source>
        <translation>运输清单 PDF…</translation>
    </message>
    <message>
        <source>Manifest for the lab…</source>
        <translation>给实验室的运输清单…</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已发出</translation>
    </message>
    <message>
        <source>Cancel shipment…</source>
        <translation>取消运输批次…</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>接收…</translation>
    </message>
    <message>
        <source>Discrepancy: why…</source>
        <translation>差异：原因…</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>运输批次</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <source>Unexpected at the lab</source>
        <translation>实验室收到的意外样本</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>运输批次</translation>
    </message>
    <message>
        <source>Pick a shipment first</source>
        <translation>请先选择运输批次</translation>
    </message>
    <message>
        <source>Shipment {n} packed</source>
        <translation>运输批次 {n} 已打包</translation>
    </message>
    <message>
        <source>CSV file (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>CSV 文件 (*.csv);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>运输清单</translation>
    </message>
    <message>
        <source>Manifest of shipment {n} written to {path}</source>
        <translation>运输批次 {n} 的清单已写入 {path}</translation>
    </message>
    <message>
        <source>Shipment {n} dispatched</source>
        <translation>运输批次 {n} 已发出</translation>
    </message>
    <message>
        <source>Shipment {n} cancelled: its aliquots are stored again</source>
        <translation>运输批次 {n} 已取消：其分装样本重新储存</translation>
    </message>
    <message>
        <source>Cancel shipment {n}</source>
        <translation>取消运输批次 {n}</translation>
    </message>
    <message>
        <source>Why cancelled</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <source>Shipment {n}: {matched} matched, {missing} missing, {thawed} thawed, {damaged} damaged, {unexpected} unexpected</source>
        <translation>运输批次 {n}：{matched} 个匹配，{missing} 个缺失，{thawed} 个解冻，{damaged} 个损坏，{unexpected} 个意外</translation>
    </message>
    <message>
        <source>Lab&apos;s receipt of shipment {n}</source>
        <translation>实验室对运输批次 {n} 的接收</translation>
    </message>
    <message>
        <source>Receipt file (.csv or .xlsx)</source>
        <translation>接收文件（.csv 或 .xlsx）</translation>
    </message>
    <message>
        <source>Recorded why {aliquot} was not received as shipped</source>
        <translation>已记录 {aliquot} 未按运输状态接收的原因</translation>
    </message>
    <message>
        <source>A discrepancy&apos;s reason</source>
        <translation>差异原因</translation>
    </message>
    <message>
        <source>Aliquot</source>
        <translation>分装样本</translation>
    </message>
    <message>
        <source>Box positions</source>
        <translation>盒内位置</translation>
    </message>
    <message>
        <source>{position}: free</source>
        <translation>{position}：空闲</translation>
    </message>
    <message>
        <source>New freezer box</source>
        <translation>新建冷冻盒</translation>
    </message>
    <message>
        <source>Box label</source>
        <translation>盒子标签</translation>
    </message>
    <message>
        <source>as printed on the box, e.g. PK-BOX-01</source>
        <translation>与盒子上打印的一致，例如 PK-BOX-01</translation>
    </message>
    <message>
        <source>Freezer</source>
        <translation>冰箱</translation>
    </message>
    <message>
        <source>e.g. -80 C freezer 2</source>
        <translation>例如 -80 C 2 号冰箱</translation>
    </message>
    <message>
        <source>Rack</source>
        <translation>架子</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>盒子</translation>
    </message>
    <message>
        <source>scan a box label, then Enter</source>
        <translation>扫描盒子标签，然后按 Enter</translation>
    </message>
    <message>
        <source>New box…</source>
        <translation>新建盒子…</translation>
    </message>
    <message>
        <source>Print contents…</source>
        <translation>打印内容…</translation>
    </message>
    <message>
        <source>Box:</source>
        <translation>盒子：</translation>
    </message>
    <message>
        <source>scan or type an aliquot ID</source>
        <translation>扫描或输入分装样本编号</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>e.g. B3, or pick it in the grid</source>
        <translation>例如 B3，或在网格中选择</translation>
    </message>
    <message>
        <source>Why moved</source>
        <translation>移动原因</translation>
    </message>
    <message>
        <source>only for a move: why</source>
        <translation>仅用于移动：原因</translation>
    </message>
    <message>
        <source>A&amp;liquot:</source>
        <translation>分装样本(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Position:</source>
        <translation>位置(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Why moved:</source>
        <translation>移动原因(&amp;W)：</translation>
    </message>
    <message>
        <source>Store (Ctrl+Enter)</source>
        <translation>储存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Waiting for a place: {aliquots}</source>
        <translation>等待位置：{aliquots}</translation>
    </message>
    <message>
        <source>Every frozen aliquot is stored.</source>
        <translation>所有已冷冻的分装样本均已储存。</translation>
    </message>
    <message>
        <source>No box {label}</source>
        <translation>没有盒子 {label}</translation>
    </message>
    <message>
        <source>Add a box first (New box…)</source>
        <translation>请先添加盒子（新建盒子…）</translation>
    </message>
    <message>
        <source>{aliquot} stored in {box} at {position}</source>
        <translation>{aliquot} 已储存在 {box} 的 {position}</translation>
    </message>
    <message>
        <source>Chain of custody of {aliquot}:</source>
        <translation>{aliquot} 的监管链：</translation>
    </message>
    <message>
        <source>Box contents</source>
        <translation>盒子内容</translation>
    </message>
    <message>
        <source>Box {label} written to {path}</source>
        <translation>盒子 {label} 已写入 {path}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ongoing (no end yet)</source>
        <translation>持续中（尚未结束）</translation>
    </message>
    <message>
        <source>Concomitant medication</source>
        <translation>合并用药</translation>
    </message>
    <message>
        <source>Drug (generic name)</source>
        <translation>药物（通用名）</translation>
    </message>
    <message>
        <source>e.g. 8</source>
        <translation>例如 8</translation>
    </message>
    <message>
        <source>mg, mL, IU...</source>
        <translation>mg、mL、IU……</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>给药途径</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>适应症</translation>
    </message>
    <message>
        <source>an adverse event, a history item, or prophylaxis</source>
        <translation>不良事件、既往病史条目或预防用药</translation>
    </message>
    <message>
        <source>Con-med {drug}</source>
        <translation>合并用药 {drug}</translation>
    </message>
    <message>
        <source>{why}: check with the investigator before it is given</source>
        <translation>{why}：给药前请与研究者确认</translation>
    </message>
    <message>
        <source>Medical history</source>
        <translation>既往病史</translation>
    </message>
    <message>
        <source>Condition (CTCAE term)</source>
        <translation>病症（CTCAE 术语）</translation>
    </message>
    <message>
        <source>type a few letters of the term</source>
        <translation>输入术语的几个字母</translation>
    </message>
    <message>
        <source>Grade at baseline</source>
        <translation>基线分级</translation>
    </message>
    <message>
        <source>Grade {n}</source>
        <translation>{n} 级</translation>
    </message>
    <message>
        <source>History {term}</source>
        <translation>病史 {term}</translation>
    </message>
    <message>
        <source>Vital signs, ECG, con-meds and history</source>
        <translation>生命体征、心电图、合并用药与病史</translation>
    </message>
    <message>
        <source>Select the AE, scan, survival contact, unscheduled visit, dose modification, dispensing, con-med or history item entered in error first (in its tab)</source>
        <translation>请先（在其标签页中）选择误录入的 AE、扫描、生存随访、计划外访视、剂量调整、发药、合并用药或病史条目</translation>
    </message>
    <message>
        <source>No readings yet: they are entered in the visit dialog (Record visit…)</source>
        <translation>尚无测量值：请在访视对话框中录入（记录访视…）</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Last values: </source>
        <translation>最近值：</translation>
    </message>
    <message>
        <source>Last values</source>
        <translation>最近值</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>测量项</translation>
    </message>
    <message>
        <source>CTCAE grade</source>
        <translation>CTCAE 分级</translation>
    </message>
    <message>
        <source>Vital signs and ECG</source>
        <translation>生命体征与心电图</translation>
    </message>
    <message>
        <source>Readings are entered and corrected in the visit dialog</source>
        <translation>测量值在访视对话框中录入和更正</translation>
    </message>
    <message>
        <source>Add con-&amp;med…</source>
        <translation>添加合并用药(&amp;M)…</translation>
    </message>
    <message>
        <source>Add &amp;history item…</source>
        <translation>添加病史条目(&amp;H)…</translation>
    </message>
    <message>
        <source>Drug</source>
        <translation>药物</translation>
    </message>
    <message>
        <source>Prohibited</source>
        <translation>禁用</translation>
    </message>
    <message>
        <source>Concomitant medications</source>
        <translation>合并用药</translation>
    </message>
    <message>
        <source>Enter or a double click opens it to correct it</source>
        <translation>按 Enter 或双击打开以更正</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>病症</translation>
    </message>
    <message>
        <source>Medical history (an AE of an ongoing condition counts as treatment-emergent only when worse than its grade)</source>
        <translation>既往病史（持续病症的 AE 仅在比其分级加重时才计为治疗期间出现）</translation>
    </message>
    <message>
        <source>Vitals and ECG</source>
        <translation>生命体征与心电图</translation>
    </message>
    <message>
        <source>Con-meds and history</source>
        <translation>合并用药与病史</translation>
    </message>
    <message>
        <source>PRN</source>
        <translation>按需（PRN）</translation>
    </message>
    <message>
        <source>Q4H</source>
        <translation>每 4 小时（Q4H）</translation>
    </message>
    <message>
        <source>Q6H</source>
        <translation>每 6 小时（Q6H）</translation>
    </message>
    <message>
        <source>Q8H</source>
        <translation>每 8 小时（Q8H）</translation>
    </message>
    <message>
        <source>QD</source>
        <translation>每日一次（QD）</translation>
    </message>
    <message>
        <source>QID</source>
        <translation>每日四次（QID）</translation>
    </message>
    <message>
        <source>QW</source>
        <translation>每周一次（QW）</translation>
    </message>
    <message>
        <source>TID</source>
        <translation>每日三次（TID）</translation>
    </message>
    <message>
        <source>continuous</source>
        <translation>持续</translation>
    </message>
    <message>
        <source>&apos;{term}&apos; is not a CTCAE term: choose one from the list</source>
        <translation>“{term}”不是 CTCAE 术语：请从列表中选择</translation>
    </message>
    <message>
        <source>A history item&apos;s grade is 1 to 4</source>
        <translation>病史条目的分级为 1 至 4 级</translation>
    </message>
    <message>
        <source>An ongoing item has no end date: clear it, or untick Ongoing</source>
        <translation>持续中的条目没有结束日期：请清除结束日期，或取消勾选“持续中”</translation>
    </message>
    <message>
        <source>Choose the condition&apos;s CTCAE term</source>
        <translation>请选择病症的 CTCAE 术语</translation>
    </message>
    <message>
        <source>Dose: &apos;{text}&apos; is not a number</source>
        <translation>剂量：“{text}”不是数字</translation>
    </message>
    <message>
        <source>Give the dose&apos;s unit (mg, mL, ...)</source>
        <translation>请填写剂量单位（mg、mL……）</translation>
    </message>
    <message>
        <source>Give the drug&apos;s name</source>
        <translation>请填写药物名称</translation>
    </message>
    <message>
        <source>Give the end date, or tick Ongoing</source>
        <translation>请填写结束日期，或勾选“持续中”</translation>
    </message>
    <message>
        <source>Give the grade of an ongoing condition: the adverse events of its term are measured against it</source>
        <translation>请填写持续病症的分级：同一术语的不良事件以此为基线</translation>
    </message>
    <message>
        <source>Give the indication (an adverse event, a history item, or prophylaxis)</source>
        <translation>请填写适应症（不良事件、病史条目或预防用药）</translation>
    </message>
    <message>
        <source>Give the start date (UN-JAN-2026 when the day is unknown, UN-UNK-2026 when the month is too)</source>
        <translation>请填写开始日期（日未知时写 UN-JAN-2026，月也未知时写 UN-UNK-2026）</translation>
    </message>
    <message>
        <source>Outside the usual range: {listed}</source>
        <translation>超出常见范围：{listed}</translation>
    </message>
    <message>
        <source>Prohibited by the protocol: {name} ({why})</source>
        <translation>方案禁用：{name}（{why}）</translation>
    </message>
    <message>
        <source>QTcF {q} ms, {rise} ms above baseline: grade 3 ({text})</source>
        <translation>QTcF {q} ms，较基线升高 {rise} ms：3 级（{text}）</translation>
    </message>
    <message>
        <source>QTcF {q} ms: grade 1 ({text})</source>
        <translation>QTcF {q} ms：1 级（{text}）</translation>
    </message>
    <message>
        <source>QTcF {q} ms: grade 2 ({text})</source>
        <translation>QTcF {q} ms：2 级（{text}）</translation>
    </message>
    <message>
        <source>QTcF {q} ms: grade 3 ({text})</source>
        <translation>QTcF {q} ms：3 级（{text}）</translation>
    </message>
    <message>
        <source>QTcF {q} ms: not prolonged (below 450 ms)</source>
        <translation>QTcF {q} ms：未延长（低于 450 ms）</translation>
    </message>
    <message>
        <source>Readings are recorded at a visit done: set Outcome to Done, or clear them</source>
        <translation>测量值只在已完成的访视中记录：请将结果设为“已完成”，或清除测量值</translation>
    </message>
    <message>
        <source>The dose must be more than 0</source>
        <translation>剂量必须大于 0</translation>
    </message>
    <message>
        <source>The end date is before the start date</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <source>This con-med is no longer on record</source>
        <translation>该合并用药已不在记录中</translation>
    </message>
    <message>
        <source>This history item is no longer on record</source>
        <translation>该病史条目已不在记录中</translation>
    </message>
    <message>
        <source>confirmed outside the usual range</source>
        <translation>已确认超出常见范围</translation>
    </message>
    <message>
        <source>{label} must be between {low} and {high} {unit}</source>
        <translation>{label} 必须在 {low} 至 {high} {unit} 之间</translation>
    </message>
    <message>
        <source>{label}: &apos;{text}&apos; is not a number</source>
        <translation>{label}：“{text}”不是数字</translation>
    </message>
    <message>
        <source>BID</source>
        <translation>每日两次（BID）</translation>
    </message>
    <message>
        <source>inhaled</source>
        <translation>吸入</translation>
    </message>
    <message>
        <source>intramuscular</source>
        <translation>肌肉注射</translation>
    </message>
    <message>
        <source>intravenous</source>
        <translation>静脉</translation>
    </message>
    <message>
        <source>once</source>
        <translation>单次</translation>
    </message>
    <message>
        <source>ophthalmic</source>
        <translation>眼用</translation>
    </message>
    <message>
        <source>oral</source>
        <translation>口服</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>rectal</source>
        <translation>直肠</translation>
    </message>
    <message>
        <source>subcutaneous</source>
        <translation>皮下</translation>
    </message>
    <message>
        <source>topical</source>
        <translation>外用</translation>
    </message>
    <message>
        <source>transdermal</source>
        <translation>经皮</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vital signs and ECG&lt;/b&gt;</source>
        <translation>&lt;b&gt;生命体征与心电图&lt;/b&gt;</translation>
    </message>
    <message>
        <source>usually {low} to {high}</source>
        <translation>通常为 {low} 至 {high}</translation>
    </message>
    <message>
        <source>(computed)</source>
        <translation>（自动计算）</translation>
    </message>
    <message>
        <source>Outside the usual range</source>
        <translation>超出常见范围</translation>
    </message>
    <message>
        <source>{message}.

Are these readings right? Save them as typed?</source>
        <translation>{message}。

这些测量值正确吗？按输入内容保存？</translation>
    </message>
</context>
</TS>
