<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>ApplicantStep</name>
    <message>
        <source>已向申请人核实：不是重复申请，继续受理(&amp;C)</source>
        <translation>Checked with the applicant: not a duplicate, &amp;continue</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>%1 · 出生 %2 · %3 岁</source>
        <translation>%1 · born %2 · aged %3</translation>
    </message>
    <message>
        <source>没有找到“%1”。新申请人请刷身份证或输入完整的身份证号。</source>
        <translation>Nobody found for “%1”. For a new applicant, scan the ID card or type the full ID number.</translation>
    </message>
    <message>
        <source>输入身份证号后显示本人及家庭的既往申请。</source>
        <translation>Earlier applications of the person and the household appear once the ID is entered.</translation>
    </message>
    <message>
        <source>%1 没有既往申请。</source>
        <translation>%1 has no earlier applications.</translation>
    </message>
    <message>
        <source>%1 及其家庭的既往申请 %2 件：</source>
        <translation>Earlier applications of %1 and the household: %2</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>查找申请人</source>
        <translation>Find the applicant</translation>
    </message>
    <message>
        <source>身份证号 / 姓名 / 拼音首字母(&amp;S)</source>
        <translation>ID number / name / pinyin initials (&amp;S)</translation>
    </message>
    <message>
        <source>刷身份证或输入号码后按回车；也可输入姓名或拼音首字母（如 zs 查找张三）</source>
        <translation>Scan the ID card, or type an ID, a name or pinyin initials (zs → 张三), then Enter</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>查找（回车）</source>
        <translation>Find (Enter)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>申请人与家庭</source>
        <translation>Applicant and household</translation>
    </message>
    <message>
        <source>身份证号(&amp;I)</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <source>姓名(&amp;M)</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <source>联系电话(&amp;T)</source>
        <translation>&amp;Telephone</translation>
    </message>
    <message>
        <source>家庭住址(&amp;D)</source>
        <translation>A&amp;ddress</translation>
    </message>
    <message>
        <source>户籍类型(&amp;K)</source>
        <translation>Hu&amp;kou type</translation>
    </message>
    <message>
        <source>住房状况(&amp;H)</source>
        <translation>&amp;Housing</translation>
    </message>
    <message>
        <source>受理渠道(&amp;Q)</source>
        <translation>Channel (&amp;Q)</translation>
    </message>
    <message>
        <source>既往申请</source>
        <translation>Earlier applications</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>评估类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>申请事项</source>
        <translation>Assistance requested</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>无法启动</source>
        <translation>Cannot start</translation>
    </message>
</context>
<context>
    <name>ApplicationTableModel</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>评估类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>快速办理</source>
        <translation>Fast track</translation>
    </message>
    <message>
        <source>办结期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>已超过办结期限</source>
        <translation>Past its due date</translation>
    </message>
</context>
<context>
    <name>ApplicationsPage</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>打印 / 补打…</source>
        <translation>Print / reprint…</translation>
    </message>
    <message>
        <source>预览、打印或补打所选申请的文书（Ctrl+P）</source>
        <translation>Preview, print or reprint the documents of the selected application (Ctrl+P)</translation>
    </message>
    <message>
        <source>审计记录…</source>
        <translation>Audit trail…</translation>
    </message>
    <message>
        <source>所选申请及其转介、核查的全部操作记录</source>
        <translation>Everything done to the selected application, its referrals and post-checks</translation>
    </message>
    <message>
        <source>共 %1 件</source>
        <translation>%1 in all</translation>
    </message>
    <message>
        <source>选择一件申请查看申报信息、评估结果、转介和打印记录。</source>
        <translation>Choose an application to see what was declared, the assessment, referrals and printing.</translation>
    </message>
    <message>
        <source>%1 受理</source>
        <translation>submitted %1</translation>
    </message>
    <message>
        <source>办结期限 %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <source>承诺制快速办理</source>
        <translation>fast track by commitment</translation>
    </message>
    <message>
        <source>审核确认程序</source>
        <translation>Procedure from receipt to decision</translation>
    </message>
    <message>
        <source>下一步：%1，%2 前</source>
        <translation>Next: %1, by %2</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>申请人与家庭</source>
        <translation>Applicant and household</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>健康</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>残疾</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>劳动能力</source>
        <translation>Labour capacity</translation>
    </message>
    <message>
        <source>%1级</source>
        <translation>grade %1</translation>
    </message>
    <message>
        <source>就业</source>
        <translation>Employment</translation>
    </message>
    <message>
        <source>就学</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>收入、财产、支出（申报）</source>
        <translation>Income, assets, expenses (declared)</translation>
    </message>
    <message>
        <source>收入</source>
        <translation>Income</translation>
    </message>
    <message>
        <source>全家</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>扣减</source>
        <translation>Deduction</translation>
    </message>
    <message>
        <source>财产</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>支出</source>
        <translation>Expense</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>申请事项与材料</source>
        <translation>Assistance requested and materials</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>尚缺材料：%1</source>
        <translation>Materials still missing: %1</translation>
    </message>
    <message>
        <source>材料齐全</source>
        <translation>Materials complete</translation>
    </message>
    <message>
        <source>预评估</source>
        <translation>Pre-assessment</translation>
    </message>
    <message>
        <source>人均月收入 %1 元</source>
        <translation>monthly income per person %1 yuan</translation>
    </message>
    <message>
        <source>，预计 %1 元/月</source>
        <translation>, about %1 yuan a month</translation>
    </message>
    <message>
        <source>政策依据：%1 %2</source>
        <translation>Policy: %1 %2</translation>
    </message>
    <message>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <source>见证 %1</source>
        <translation>witnessed by %1</translation>
    </message>
    <message>
        <source>双承诺</source>
        <translation>double commitment</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>打印记录</source>
        <translation>Printed documents</translation>
    </message>
    <message>
        <source>文书</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>份次</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>尚未打印</source>
        <translation>Nothing printed yet</translation>
    </message>
    <message>
        <source>事后核查</source>
        <translation>Post-checks</translation>
    </message>
    <message>
        <source>核查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>申请</source>
        <translation>Applications</translation>
    </message>
    <message>
        <source>受理编号、姓名、拼音首字母或身份证号开头（Ctrl+F）</source>
        <translation>Receipt no., name, pinyin initials or ID start (Ctrl+F)</translation>
    </message>
    <message>
        <source>状态(&amp;Z)</source>
        <translation>Stat&amp;us</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>分派线索 – %1</source>
        <translation>Assign lead – %1</translation>
    </message>
    <message>
        <source>线索</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>走访人(&amp;V)</source>
        <translation>&amp;Visitor</translation>
    </message>
    <message>
        <source>分派</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AuditTrailDialog</name>
    <message>
        <source>受理提交</source>
        <translation>Submitted at the desk</translation>
    </message>
    <message>
        <source>查看完整身份证号码</source>
        <translation>Full ID number viewed</translation>
    </message>
    <message>
        <source>打开人员登记</source>
        <translation>Person record opened</translation>
    </message>
    <message>
        <source>调出家庭成员信息</source>
        <translation>Household members looked up</translation>
    </message>
    <message>
        <source>创建转介</source>
        <translation>Referral created</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Reassigned</translation>
    </message>
    <message>
        <source>登记核查结果</source>
        <translation>Check result recorded</translation>
    </message>
    <message>
        <source>安排抽查</source>
        <translation>Spot check scheduled</translation>
    </message>
    <message>
        <source>打印文书</source>
        <translation>Document printed</translation>
    </message>
    <message>
        <source>申请</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>核查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>状态改为“%1”</source>
        <translation>Status changed to “%1”</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>审计记录 – %1</source>
        <translation>Audit trail – %1</translation>
    </message>
    <message>
        <source>申请 %1 的审计记录</source>
        <translation>Audit trail of application %1</translation>
    </message>
    <message>
        <source>包括该申请及其转介、核查的每一次写入和查看完整身份证号码的记录；记录只增不改，整条哈希链可用 intake-desk audit verify 校验。</source>
        <translation>Every write to the application, its referrals and checks, and every view of a full ID number; entries are only ever added, and the whole hash chain can be checked with intake-desk audit verify.</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 in all</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>关闭提示</source>
        <translation>Close this message</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>节假日安排</source>
        <translation>Holiday calendar</translation>
    </message>
    <message>
        <source>法定节假日和调休上班日决定所有办理期限。国务院公布下一年的安排后，请在此录入；软件包未包含且未录入的年份，期限按周一至周五计算。</source>
        <translation>Statutory holidays and make-up working days decide every deadline. Enter next year’s schedule here once the State Council publishes it; years neither packaged nor entered count Monday to Friday.</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>删除所选调整</source>
        <translation>Delete the selected day</translation>
    </message>
    <message>
        <source>录入一天</source>
        <translation>Enter one day</translation>
    </message>
    <message>
        <source>休息日（放假）</source>
        <translation>Holiday (day off)</translation>
    </message>
    <message>
        <source>工作日（调休上班）</source>
        <translation>Working day (make-up)</translation>
    </message>
    <message>
        <source>说明，如：元旦、春节调休、县政府通知</source>
        <translation>Note, e.g. New Year, make-up day, county notice</translation>
    </message>
    <message>
        <source>保存调整</source>
        <translation>Save the day</translation>
    </message>
    <message>
        <source>粘贴公布的安排</source>
        <translation>Paste the published schedule</translation>
    </message>
    <message>
        <source>每行一项：日期（或“至”连接的日期范围）加“休”或“班”，可加说明。只需列出与周一至周五不同的日子。</source>
        <translation>One line each: a date (or a range joined by “~”) with “off” or “work”, and a note if wanted. List only the days that differ from Monday to Friday.</translation>
    </message>
    <message>
        <source>2027-01-01 休 元旦
2027-02-06 至 2027-02-12 休 春节
2027-02-14 班 春节调休</source>
        <translation>2027-01-01 off New Year&apos;s Day
2027-02-06 ~ 2027-02-12 off Spring Festival
2027-02-14 work Spring Festival make-up day</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>软件包已包含该年安排</source>
        <translation>Packaged for this year</translation>
    </message>
    <message>
        <source>软件包未包含该年安排</source>
        <translation>Not packaged for this year</translation>
    </message>
    <message numerus="yes">
        <source>%1 年：%2，已录入调整 %n 天</source>
        <translation>
            <numerusform>%1: %2, %n day entered</numerusform>
            <numerusform>%1: %2, %n days entered</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 年节假日安排已知（软件包自带），期限按法定节假日计算</source>
        <translation>The %1 holiday schedule is known (packaged); deadlines follow the statutory holidays</translation>
    </message>
    <message numerus="yes">
        <source>%1 年节假日安排已录入 %n 天调整，期限按录入的安排计算；请确认已包含全年各节假日和调休上班日</source>
        <translation>
            <numerusform>The %1 schedule has %n day entered; deadlines follow it. Check that every holiday and make-up day of the year is there</numerusform>
            <numerusform>The %1 schedule has %n days entered; deadlines follow them. Check that every holiday and make-up day of the year is there</numerusform>
        </translation>
    </message>
    <message>
        <source>已保存：%1 %2</source>
        <translation>Saved: %1 %2</translation>
    </message>
    <message>
        <source>已删除 %1 的调整，该日按软件包或周一至周五计算</source>
        <translation>The entry for %1 is deleted; that day counts as packaged or Monday to Friday</translation>
    </message>
    <message>
        <source>请先粘贴节假日安排 / Paste the holiday schedule first</source>
        <translation>Paste the holiday schedule first</translation>
    </message>
</context>
<context>
    <name>CircumstancesStep</name>
    <message>
        <source>困难情况</source>
        <translation>Circumstances</translation>
    </message>
    <message>
        <source>申请事项（可多选）</source>
        <translation>Assistance requested (one or more)</translation>
    </message>
    <message>
        <source>特殊情况（临时救助）</source>
        <translation>Special circumstances (temporary assistance)</translation>
    </message>
    <message>
        <source>情况说明(&amp;W)</source>
        <translation>Description (&amp;W)</translation>
    </message>
    <message>
        <source>如：2026 年 11 月住房因火灾受损；突发疾病住院等</source>
        <translation>E.g. the house was damaged by fire in November 2026; admitted to hospital with a sudden illness</translation>
    </message>
    <message>
        <source>赡养、抚养、扶养</source>
        <translation>Support by relatives</translation>
    </message>
    <message>
        <source>无法定赡养、抚养、扶养义务人，或义务人无履行义务能力(&amp;Y)</source>
        <translation>No relative legally bound to support, or none able to (&amp;Y)</translation>
    </message>
</context>
<context>
    <name>CommitmentStep</name>
    <message>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <source>【经办机构承诺】</source>
        <translation>[The office’s promise]</translation>
    </message>
    <message>
        <source>同意转介到 %1：%2</source>
        <translation>Agrees to a referral to %1: %2</translation>
    </message>
    <message>
        <source>同意转介到 %1</source>
        <translation>Agrees to a referral to %1</translation>
    </message>
    <message>
        <source>（须申请人单独同意）</source>
        <translation> (needs the applicant’s separate consent)</translation>
    </message>
    <message numerus="yes">
        <source>承诺制快速办理：审核时限 %n 个工作日，%1 前办结；受理后按期进行事后核查。</source>
        <translation>
            <numerusform>Fast track by commitment: reviewed within %n working day, by %1; checked afterwards on schedule.</numerusform>
            <numerusform>Fast track by commitment: reviewed within %n working days, by %1; checked afterwards on schedule.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>未签署承诺书的按常规流程办理：审核时限 %n 个工作日，%1 前办结。</source>
        <translation>
            <numerusform>Without a signed commitment the normal procedure applies: %n working day, by %1.</numerusform>
            <numerusform>Without a signed commitment the normal procedure applies: %n working days, by %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>告知承诺（快速办理）</source>
        <translation>Commitment declaration (fast track)</translation>
    </message>
    <message>
        <source>申请人已阅读并签署告知承诺书，适用承诺制快速办理(&amp;G)</source>
        <translation>The applicant has read and si&amp;gned the commitment: fast track</translation>
    </message>
    <message>
        <source>签署人(&amp;R)</source>
        <translation>Signe&amp;r</translation>
    </message>
    <message>
        <source>签署方式</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>授权核对家庭经济状况</source>
        <translation>Authorises verification of the household’s finances</translation>
    </message>
    <message>
        <source>承诺家庭情况变化时及时报告</source>
        <translation>Promises to report changes in the household</translation>
    </message>
    <message>
        <source>知晓虚假承诺须承担的责任</source>
        <translation>Accepts the consequences of a false declaration</translation>
    </message>
    <message>
        <source>经办机构同时作出服务承诺（双承诺）</source>
        <translation>The office also signs its service promise (double commitment)</translation>
    </message>
    <message>
        <source>转介同意（每个部门单独确认）</source>
        <translation>Consent to referrals (one by one)</translation>
    </message>
    <message>
        <source>以下是根据申报情况建议的转介。向慈善组织等社会力量转介，必须取得申请人的单独同意。</source>
        <translation>Referrals proposed from the declared facts. A referral to a charity or social organisation needs the applicant’s separate consent.</translation>
    </message>
    <message>
        <source>承诺书内容（可向申请人宣读）</source>
        <translation>Text of the commitment (read it to the applicant)</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>已被他人修改</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <source>%1 刚刚修改了这条记录</source>
        <translation>%1 has just changed this record</translation>
    </message>
    <message>
        <source>其他用户</source>
        <translation>Another user</translation>
    </message>
    <message>
        <source>您的这次保存没有写入，以免覆盖对方的修改。重新载入后可看到对方保存的内容，再决定是否重新操作。</source>
        <translation>Your save was not written, so as not to overwrite their change. Reload to see what they saved, then decide whether to do it again.</translation>
    </message>
    <message>
        <source>您填写的内容(&amp;W)（可复制后重新使用）：</source>
        <translation>&amp;What you entered (copy it to use again):</translation>
    </message>
    <message>
        <source>重新载入</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>暂不载入</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>CountsModel</name>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>DiscoveryPage</name>
    <message>
        <source>姓名、拼音首字母或身份证号（Ctrl+F）</source>
        <translation>Name, pinyin initials or ID number (Ctrl+F)</translation>
    </message>
    <message>
        <source>待走访</source>
        <translation>To visit</translation>
    </message>
    <message>
        <source>已处理</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 in all</translation>
    </message>
    <message>
        <source>入户走访…（F2）</source>
        <translation>Home visit… (F2)</translation>
    </message>
    <message>
        <source>分派(&amp;A)…</source>
        <translation>&amp;Assign…</translation>
    </message>
    <message>
        <source>导出线索台账…</source>
        <translation>Export leads…</translation>
    </message>
    <message>
        <source>线索</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>一类库和二类库</source>
        <translation>Class 1 and class 2</translation>
    </message>
    <message>
        <source>全部在库</source>
        <translation>All monitored</translation>
    </message>
    <message>
        <source>走访逾期</source>
        <translation>Visit overdue</translation>
    </message>
    <message>
        <source>10 个工作日内到期</source>
        <translation>Due within 10 working days</translation>
    </message>
    <message>
        <source>已退出监测</source>
        <translation>No longer monitored</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 户</source>
        <translation>
            <numerusform>%n household</numerusform>
            <numerusform>%n households</numerusform>
        </translation>
    </message>
    <message>
        <source>导出监测台账…</source>
        <translation>Export monitoring ledger…</translation>
    </message>
    <message>
        <source>季度报表…</source>
        <translation>Quarterly report…</translation>
    </message>
    <message>
        <source>监测库</source>
        <translation>Monitoring libraries</translation>
    </message>
    <message>
        <source>名单文件 .xlsx 或 .csv（UTF-8 或 GB18030）</source>
        <translation>List file .xlsx or .csv (UTF-8 or GB18030)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>名单来源</source>
        <translation>List source</translation>
    </message>
    <message>
        <source>名单文件</source>
        <translation>List file</translation>
    </message>
    <message>
        <source>导入并比对</source>
        <translation>Import and screen</translation>
    </message>
    <message>
        <source>无效或重复的行将在这里列出（行号与原因）</source>
        <translation>Invalid or repeated rows are listed here (row number and reason)</translation>
    </message>
    <message>
        <source>导入名单</source>
        <translation>Import list</translation>
    </message>
    <message>
        <source>选择名单文件</source>
        <translation>Choose the list file</translation>
    </message>
    <message>
        <source>名单 (*.xlsx *.csv *.txt)</source>
        <translation>Lists (*.xlsx *.csv *.txt)</translation>
    </message>
    <message>
        <source>请先选择名单文件</source>
        <translation>Choose the list file first</translation>
    </message>
    <message>
        <source>第 %1 行（%2）：%3 %4 %5</source>
        <translation>Row %1 (%2): %3 %4 %5</translation>
    </message>
    <message>
        <source>无效</source>
        <translation>invalid</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>repeated</translation>
    </message>
    <message numerus="yes">
        <source>名单已导入：新线索 %n 条</source>
        <translation>
            <numerusform>List imported: %n new lead</numerusform>
            <numerusform>List imported: %n new leads</numerusform>
        </translation>
    </message>
    <message>
        <source>请先在列表中选择一行</source>
        <translation>Choose a row in the list first</translation>
    </message>
    <message>
        <source>该线索已处理</source>
        <translation>This lead is already closed</translation>
    </message>
    <message>
        <source>该户已退出监测</source>
        <translation>This household is no longer monitored</translation>
    </message>
    <message>
        <source>走访记录已保存</source>
        <translation>Visit saved</translation>
    </message>
    <message>
        <source>已分派给 %1</source>
        <translation>Assigned to %1</translation>
    </message>
    <message>
        <source>线索台账</source>
        <translation>Lead ledger</translation>
    </message>
    <message>
        <source>监测台账</source>
        <translation>Monitoring ledger</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV 文本 (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV text (*.csv)</translation>
    </message>
    <message>
        <source>监测预警季报-%1.pdf</source>
        <translation>monitoring-report-%1.pdf</translation>
    </message>
    <message>
        <source>季度报表</source>
        <translation>Quarterly report</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>季度报表已保存：%1</source>
        <translation>Quarterly report saved: %1</translation>
    </message>
    <message>
        <source>%1 的身份证号：%2（已记入审计日志）</source>
        <translation>ID number of %1: %2 (recorded in the audit trail)</translation>
    </message>
</context>
<context>
    <name>DiscoveryTable</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>名单来源</source>
        <translation>List source</translation>
    </message>
    <message>
        <source>类别/原因</source>
        <translation>Category / reason</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>走访人</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>发现日期</source>
        <translation>Found on</translation>
    </message>
    <message>
        <source>未分派</source>
        <translation>Not assigned</translation>
    </message>
    <message>
        <source>逾期 1 个工作日</source>
        <translation>1 working day overdue</translation>
    </message>
    <message>
        <source>逾期 %n 个工作日</source>
        <translation>%n working days overdue</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>1 个工作日</source>
        <translation>1 working day</translation>
    </message>
    <message>
        <source>%n 个工作日</source>
        <translation>%n working days</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>库别</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>风险因素</source>
        <translation>Risk factors</translation>
    </message>
    <message>
        <source>收入圈</source>
        <translation>Income circle</translation>
    </message>
    <message>
        <source>下次走访</source>
        <translation>Next visit</translation>
    </message>
    <message>
        <source>距走访</source>
        <translation>Visit in</translation>
    </message>
    <message>
        <source>复核日期</source>
        <translation>Re-check</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>按周一至周五计算（该年节假日安排尚未录入）</source>
        <translation>Counted Monday–Friday (the year&apos;s holidays are not entered yet)</translation>
    </message>
</context>
<context>
    <name>EconomyStep</name>
    <message>
        <source>12 个月合计</source>
        <translation>Total for 12 months</translation>
    </message>
    <message>
        <source>每月 × 12</source>
        <translation>Per month × 12</translation>
    </message>
    <message>
        <source>成员 %1</source>
        <translation>Member %1</translation>
    </message>
    <message>
        <source>全家</source>
        <translation>Household</translation>
    </message>
    <message numerus="yes">
        <source>%n 个月合计</source>
        <translation>
            <numerusform>Total for %n month</numerusform>
            <numerusform>Total for %n months</numerusform>
        </translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>填写方式</source>
        <translation>Entered as</translation>
    </message>
    <message>
        <source>折合 12 个月（元）</source>
        <translation>12 months (yuan)</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>收入合计（12 个月）：%1 元，月均 %2 元</source>
        <translation>Income over 12 months: %1 yuan, %2 yuan a month</translation>
    </message>
    <message>
        <source>扣减合计（12 个月）：%1 元</source>
        <translation>Deductions over 12 months: %1 yuan</translation>
    </message>
    <message>
        <source>价值（元）</source>
        <translation>Value (yuan)</translation>
    </message>
    <message numerus="yes">
        <source>财产合计：%1 元（%n 项）</source>
        <translation>
            <numerusform>Assets: %1 yuan (%n item)</numerusform>
            <numerusform>Assets: %1 yuan (%n items)</numerusform>
        </translation>
    </message>
    <message>
        <source>刚性支出合计（12 个月）：%1 元</source>
        <translation>Rigid expenses over 12 months: %1 yuan</translation>
    </message>
    <message>
        <source>收入财产</source>
        <translation>Income and assets</translation>
    </message>
    <message>
        <source>收入</source>
        <translation>Income</translation>
    </message>
    <message>
        <source>扣减项</source>
        <translation>Deductions</translation>
    </message>
    <message>
        <source>财产</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>刚性支出</source>
        <translation>Rigid expenses</translation>
    </message>
    <message>
        <source>%1第 %2 行：</source>
        <translation>%1, line %2: </translation>
    </message>
    <message>
        <source>申请前 12 个月的收入、财产和刚性支出，按成员和类别逐行填写。金额可填 12 个月合计，或按月填写（× 12）。Insert 添加一行，Ctrl+Delete 删除。</source>
        <translation>Income, assets and rigid expenses over the 12 months before the application, one line per member and category. Enter the 12-month total or the monthly amount (× 12). Insert adds a line, Ctrl+Delete removes one.</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add a line</translation>
    </message>
    <message>
        <source>在当前表格添加一行（Insert）</source>
        <translation>Add a line to this table (Insert)</translation>
    </message>
    <message>
        <source>删除一行</source>
        <translation>Remove a line</translation>
    </message>
    <message>
        <source>删除选中的行（Ctrl+Delete）</source>
        <translation>Remove the selected line (Ctrl+Delete)</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>纳入监测 – %1</source>
        <translation>Monitoring – %1</translation>
    </message>
    <message>
        <source>风险因素</source>
        <translation>Risk factors</translation>
    </message>
    <message>
        <source>库别(&amp;L)</source>
        <translation>&amp;Library</translation>
    </message>
    <message>
        <source>家庭情况稳定(&amp;T)</source>
        <translation>Situation s&amp;table</translation>
    </message>
    <message>
        <source>申请人同意纳入监测、定期走访(&amp;A)</source>
        <translation>The &amp;applicant agrees to monitoring and regular visits</translation>
    </message>
    <message>
        <source>纳入监测</source>
        <translation>Start monitoring</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FollowThroughPanel</name>
    <message>
        <source>部门协同时效与满意度</source>
        <translation>Departments: timeliness and satisfaction</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>逾期办结</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>被催办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <source>被督办</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>催办后回复</source>
        <translation>Replied after urging</translation>
    </message>
    <message>
        <source>办结中位工作日</source>
        <translation>Median working days</translation>
    </message>
    <message>
        <source>逾期未结</source>
        <translation>Open overdue</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>满意率</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message numerus="yes">
        <source>好差评 %n 条</source>
        <translation>
            <numerusform>%n rating</numerusform>
            <numerusform>%n ratings</numerusform>
        </translation>
    </message>
    <message>
        <source>，满意率 %1</source>
        <translation>; %1 satisfied</translation>
    </message>
    <message numerus="yes">
        <source>；整改未结 %n 件</source>
        <translation>
            <numerusform>; %n follow-up open</numerusform>
            <numerusform>; %n follow-ups open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>（逾期 %n 件）</source>
        <translation>
            <numerusform> (%n overdue)</numerusform>
            <numerusform> (%n overdue)</numerusform>
        </translation>
    </message>
    <message>
        <source>。窗口人员：</source>
        <translation>. Clerks: </translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>屏幕已锁定 · %1（%2）</source>
        <translation>Screen locked · %1 (%2)</translation>
    </message>
    <message>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>%1（%2）已离开座位，为保护申请人信息，屏幕已锁定。</source>
        <translation>%1 (%2) has left the desk; the screen is locked to protect applicants&apos; information.</translation>
    </message>
    <message>
        <source>请输入 %1 的密码继续；未提交的受理内容保持不变。</source>
        <translation>Enter %1&apos;s password to continue; the unsubmitted intake is kept as it is.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>密码不正确</source>
        <translation>Wrong password</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>待接收</source>
        <translation>To receive</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已退回待补充</source>
        <translation>Returned for more</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>部门收件</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>只看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>姓名、拼音首字母、编号或身份证号</source>
        <translation>Name, pinyin, no. or ID</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>IncomeCirclesPanel</name>
    <message>
        <source>收入分圈（监测对象）</source>
        <translation>Income circles (monitored households)</translation>
    </message>
    <message>
        <source>收入圈</source>
        <translation>Income circle</translation>
    </message>
    <message>
        <source>在库户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>本期移入</source>
        <translation>Moved in</translation>
    </message>
    <message>
        <source>本期移出</source>
        <translation>Moved out</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>新的受理</source>
        <translation>New intake</translation>
    </message>
    <message>
        <source>（未填姓名）</source>
        <translation>(no name yet)</translation>
    </message>
    <message>
        <source>家庭 %1 人</source>
        <translation>%1 in household</translation>
    </message>
    <message>
        <source>请先向申请人核实，并在第 1 步勾选“不是重复申请，继续受理”。</source>
        <translation>Check with the applicant first and tick “not a duplicate, continue” in step 1.</translation>
    </message>
    <message>
        <source>已载入 %1 的家庭和上次申报的情况%2，请与申请人逐项核对。</source>
        <translation>The household of %1 and the facts last declared%2 are filled in; go through them with the applicant.</translation>
    </message>
    <message>
        <source>新申请人 %1：请填写姓名、电话和住址。</source>
        <translation>New applicant %1: enter the name, telephone and address.</translation>
    </message>
    <message>
        <source>还不能提交：%1 处需要更正。</source>
        <translation>Cannot submit yet: %1 to correct. </translation>
    </message>
    <message>
        <source>（另有 %1 项，见各步骤）</source>
        <translation> (and %1 more, see the steps)</translation>
    </message>
    <message>
        <source>年收入 —</source>
        <translation>Income —</translation>
    </message>
    <message>
        <source>人均月收入 —</source>
        <translation>Per person a month —</translation>
    </message>
    <message>
        <source>预评估：待完善信息</source>
        <translation>Pre-assessment: more facts needed</translation>
    </message>
    <message>
        <source>年收入 %1 元</source>
        <translation>%1 yuan/year</translation>
    </message>
    <message>
        <source>人均月收入 %1 元</source>
        <translation>%1 yuan/person/month</translation>
    </message>
    <message>
        <source>预评估：%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>，约 %1 元/月</source>
        <translation> · ≈%1 yuan/month</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>当前受理尚未提交。再按一次 Ctrl+N（或再点“新受理”）将放弃这份草稿，开始新的受理。</source>
        <translation>This intake is not submitted. Press Ctrl+N again (or “New intake” again) to drop this draft and start a new one.</translation>
    </message>
    <message>
        <source>当前受理尚未提交：请先提交，或按两次 Ctrl+N 放弃后，再从“发现”页引导申请。</source>
        <translation>The current intake is not submitted: submit it, or press Ctrl+N twice to drop it, then start the application from the Discovery page again.</translation>
    </message>
    <message>
        <source>已恢复未提交的受理草稿（%1 保存），可以接着填写；按两次 Ctrl+N 放弃。</source>
        <translation>The unsubmitted draft (saved at %1) is back: carry on, or press Ctrl+N twice to drop it.</translation>
    </message>
    <message>
        <source>草稿已自动保存 %1</source>
        <translation>Draft saved %1</translation>
    </message>
    <message>
        <source>数据库暂时无法连接，草稿已保存在本机 %1</source>
        <translation>Database unreachable: draft saved on this computer %1</translation>
    </message>
    <message>
        <source>服务器连接已满，草稿已保存在本机 %1，稍后自动重试</source>
        <translation>Server full: draft saved on this computer %1, retrying</translation>
    </message>
    <message>
        <source>窗口受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>新受理</source>
        <translation>New intake</translation>
    </message>
    <message>
        <source>放弃当前草稿，开始新的受理（Ctrl+N）</source>
        <translation>Drop the current draft and start a new intake (Ctrl+N)</translation>
    </message>
    <message>
        <source>‹ 上一步</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <source>上一步（Alt+←）</source>
        <translation>Previous step (Alt+←)</translation>
    </message>
    <message>
        <source>下一步 ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <source>下一步（Alt+→）</source>
        <translation>Next step (Alt+→)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation>Enter the user name</translation>
    </message>
    <message>
        <source>登录 – 社会救助窗口受理台</source>
        <translation>Sign in – Intake Desk</translation>
    </message>
    <message>
        <source>社会救助窗口受理台</source>
        <translation>Intake Desk</translation>
    </message>
    <message>
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>演示账户（双击或回车即可登录）</source>
        <translation>Demo accounts (double-click or Enter signs in)</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>社会救助窗口受理台</source>
        <extracomment>On a shared server the status bar asks half as often, and not at all when the window&apos;s own work was answered within that time (a county&apos;s 300 windows would otherwise start ten server processes a second).</extracomment>
        <translation>Intake Desk</translation>
    </message>
    <message>
        <source>需要重新登录</source>
        <translation>Sign in again</translation>
    </message>
    <message>
        <source>开始新的受理（Ctrl+N）</source>
        <translation>Start a new intake (Ctrl+N)</translation>
    </message>
    <message>
        <source>查找申请人或申请（Ctrl+F）</source>
        <translation>Find an applicant or application (Ctrl+F)</translation>
    </message>
    <message>
        <source>打印当前申请的受理回执（Ctrl+P）</source>
        <translation>Print the receipt of this application (Ctrl+P)</translation>
    </message>
    <message>
        <source>受理的下一步（Alt+→）</source>
        <translation>Next intake step (Alt+→)</translation>
    </message>
    <message>
        <source>受理的上一步（Alt+←）</source>
        <translation>Previous intake step (Alt+←)</translation>
    </message>
    <message>
        <source>下一个选项卡</source>
        <translation>Next tab</translation>
    </message>
    <message>
        <source>上一个选项卡</source>
        <translation>Previous tab</translation>
    </message>
    <message>
        <source>当前页面没有可打印的回执：请先提交受理，或在“申请”中选择一件申请。</source>
        <translation>Nothing to print here: submit the intake first, or choose an application under “Applications”.</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Previous step</translation>
    </message>
    <message>
        <source>在“提交”步骤提交受理</source>
        <translation>Submit, on the “Submit” step</translation>
    </message>
    <message>
        <source>表格中添加 / 删除一行</source>
        <translation>Add / remove a table line</translation>
    </message>
    <message>
        <source>下一个 / 上一个输入项（离开表格也用 Tab）</source>
        <translation>Next / previous field (Tab also leaves a table)</translation>
    </message>
    <message>
        <source>主动发现：%1</source>
        <translation>Found by outreach: %1</translation>
    </message>
    <message>
        <source>页面列表(&amp;L)</source>
        <translation>Page &amp;list</translation>
    </message>
    <message>
        <source>显示或隐藏左侧的页面列表，页面可用 Ctrl+数字 切换（Ctrl+Shift+L）</source>
        <translation>Show or hide the list of pages on the left; Ctrl+number switches pages (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>按下有焦点的按钮；在输入框中按下本页的主按钮</source>
        <translation>Press the focused button; in a field, the page&apos;s main button</translation>
    </message>
    <message>
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>社会救助窗口受理台 %1
一门受理、协同办理</source>
        <translation>Intake Desk %1
One door receives, the departments act together</translation>
    </message>
    <message>
        <source>大厅：%1</source>
        <translation>Hall: %1</translation>
    </message>
    <message>
        <source>用户：%1（%2）</source>
        <translation>User: %1 (%2)</translation>
    </message>
    <message>
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>● 正在检查连接…</source>
        <translation>● Checking the connection…</translation>
    </message>
    <message>
        <source>● 数据库已连接</source>
        <translation>● Database connected</translation>
    </message>
    <message>
        <source>● 数据库无法连接</source>
        <translation>● Database unreachable</translation>
    </message>
    <message>
        <source>● 服务器连接已满</source>
        <translation>● Server connections full</translation>
    </message>
    <message>
        <source>⚠ 所有者登录</source>
        <translation>⚠ Owner login</translation>
    </message>
    <message>
        <source>⚠ 审计日志与检查点不符</source>
        <translation>⚠ Audit trail does not extend the checkpoint</translation>
    </message>
    <message>
        <source>每 %1 秒检查一次；无法连接时，填写的内容会保留在本机草稿中。</source>
        <translation>Checked every %1 seconds; while unreachable, what is typed is kept in a draft on this computer.</translation>
    </message>
    <message>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>刷新列表</source>
        <translation>Refresh the list</translation>
    </message>
    <message>
        <source>跳到受理的第 1 … 8 步</source>
        <translation>Go to intake step 1 … 8</translation>
    </message>
    <message>
        <source>勾选编号的申请事项（第 4 步）或转介同意（第 6 步）</source>
        <translation>Tick a numbered type of assistance (step 4) or referral consent (step 6)</translation>
    </message>
    <message>
        <source>记录核查结果</source>
        <translation>Record the check&apos;s result</translation>
    </message>
    <message>
        <source>受理(&amp;N)</source>
        <translation>I&amp;ntake</translation>
    </message>
    <message>
        <source>页面(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;E)</source>
        <translation>H&amp;elp</translation>
    </message>
    <message>
        <source>新受理(&amp;N)</source>
        <translation>&amp;New intake</translation>
    </message>
    <message>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>打印回执(&amp;P)</source>
        <translation>&amp;Print receipt</translation>
    </message>
    <message>
        <source>退出登录(&amp;L)</source>
        <translation>Sign out (&amp;L)</translation>
    </message>
    <message>
        <source>关闭程序(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>快捷键一览(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
</context>
<context>
    <name>MaterialsStep</name>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>必交</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>如有</source>
        <translation>If any</translation>
    </message>
    <message>
        <source>本户需交</source>
        <translation>Needed here</translation>
    </message>
    <message>
        <source>请先在“困难情况”一步选择申请事项。</source>
        <translation>Choose the assistance requested in the “Circumstances” step first.</translation>
    </message>
    <message>
        <source>材料已齐全，无需出具一次性告知书。</source>
        <translation>All materials received: no one-time notice needed.</translation>
    </message>
    <message>
        <source>尚缺 %1 项，将列入一次性告知书：</source>
        <translation>%1 missing, listed on the one-time notice:</translation>
    </message>
    <message>
        <source>按申请事项列出应交材料。收到的材料打勾（空格键）；未交的材料会列入一次性告知书，申请人补齐后一次办结。</source>
        <translation>The materials for the assistance requested. Tick what was received (Space); what is missing goes on the one-time notice, so the applicant comes back once.</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Needed</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>一次性告知：尚缺材料</source>
        <translation>One-time notice: missing</translation>
    </message>
    <message>
        <source>全部已收(&amp;A)</source>
        <translation>&amp;All received</translation>
    </message>
    <message>
        <source>把所有材料标记为已收到</source>
        <translation>Mark every item as received</translation>
    </message>
</context>
<context>
    <name>MembersStep</name>
    <message>
        <source>家庭成员</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>同户</source>
        <translation>As household</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>一级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <source>二级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <source>三级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <source>四级</source>
        <translation>Grade 4</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>户籍</source>
        <translation>Hukou</translation>
    </message>
    <message>
        <source>健康</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>残疾</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>劳动能力</source>
        <translation>Labour capacity</translation>
    </message>
    <message>
        <source>就业</source>
        <translation>Employment</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>就学</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>残疾等级</source>
        <translation>Disability grade</translation>
    </message>
    <message>
        <source>第 %1 行%2%3：</source>
        <translation>Line %1%2, %3: </translation>
    </message>
    <message>
        <source>共同生活的家庭成员。直接输入即可编辑单元格，回车确认；出生日期、性别和年龄由身份证号得出。</source>
        <translation>The members living together. Type into a cell to edit it, Enter to confirm; birth date, sex and age come from the ID number.</translation>
    </message>
    <message>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>添加一名家庭成员（Insert）</source>
        <translation>Add a household member (Insert)</translation>
    </message>
    <message>
        <source>删除成员</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>删除选中的成员（Ctrl+Delete）</source>
        <translation>Remove the selected member (Ctrl+Delete)</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>部门回复日期(&amp;D)</source>
        <translation>&amp;Department replied on</translation>
    </message>
</context>
<context>
    <name>OverrideTableModel</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>调整为</source>
        <translation>Set to</translation>
    </message>
    <message>
        <source>软件包安排</source>
        <translation>Package says</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>录入时间</source>
        <translation>Entered at</translation>
    </message>
    <message>
        <source>未覆盖</source>
        <translation>Not covered</translation>
    </message>
    <message>
        <source>与软件包自带的安排不同：以此调整为准</source>
        <translation>Differs from the packaged schedule: this entry wins</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>申请</source>
        <translation>Applications</translation>
    </message>
    <message>
        <source>部门收件</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>办理</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>核查</source>
        <translation>Post-checks</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Urging</translation>
    </message>
    <message>
        <source>发现</source>
        <translation>Discovery</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>节假日</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Accounts</translation>
    </message>
</context>
<context>
    <name>PostCheckTable</name>
    <message>
        <source>受理编号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>核查类型</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>剩余工作日</source>
        <translation>Working days left</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>失信等级</source>
        <translation>Breach grade</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>核查人</source>
        <translation>Checked by</translation>
    </message>
    <message>
        <source>逾期 1 个工作日</source>
        <translation>1 working day overdue</translation>
    </message>
    <message>
        <source>逾期 %n 个工作日</source>
        <translation>%n working days overdue</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>按周一至周五计算（该年节假日安排尚未录入）</source>
        <translation>Counted Monday to Friday (that year&apos;s holidays are not entered yet)</translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
</context>
<context>
    <name>PostChecksPage</name>
    <message>
        <source>事后核查</source>
        <translation>Post-checks</translation>
    </message>
    <message>
        <source>告知承诺制快速办理的申请：一个月内信息核对比对，定期复核，随机抽查；发现问题按承诺书约定分级处理。</source>
        <translation>Fast-tracked applications: data comparison within a month, periodic re-checks, random spot checks; problems are graded as the commitment says.</translation>
    </message>
    <message>
        <source>待核查和有问题</source>
        <translation>Due or with problems</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>只看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>姓名、拼音首字母、受理编号或身份证号</source>
        <translation>Name, pinyin, receipt no. or ID</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取列表（F5）</source>
        <translation>Read the list again (F5)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>从近期快速办理、尚未抽查的申请中按比例随机抽取，安排抽查</source>
        <translation>Draw a share of recent fast-tracked applications not yet spot-checked and schedule checks</translation>
    </message>
    <message>
        <source>登记核查结果</source>
        <translation>Record the check</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>核查类型</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>当前状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已登记</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>核查方式和结果；发现问题时写明问题和处理意见</source>
        <translation>How it was checked and the result; for a problem, what it is and what is proposed</translation>
    </message>
    <message>
        <source>登记结果</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>安排随机抽查</source>
        <translation>Spot check scheduled</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>随机抽查(&amp;S)…</source>
        <translation>&amp;Spot checks…</translation>
    </message>
    <message>
        <source>保存核查结果（Ctrl+Enter）</source>
        <translation>Save the result (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>核查结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>失信等级</source>
        <translation>Breach grade</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <source>（标 * 的剩余工作日）</source>
        <translation> (* working days left)</translation>
    </message>
    <message>
        <source>此核查已结束，不能再登记</source>
        <translation>This check is finished and cannot be recorded again</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>尚无记录</source>
        <translation>No records yet</translation>
    </message>
    <message>
        <source>已登记：%1 %2 → %3</source>
        <translation>Recorded: %1 %2 → %3</translation>
    </message>
    <message numerus="yes">
        <source>已随机抽取 %n 件申请安排抽查，%d 前完成（随机种子 %s，已记入审计）</source>
        <translation>
            <numerusform>%n application drawn for a spot check, due by %d (seed %s, in the audit trail)</numerusform>
            <numerusform>%n applications drawn for spot checks, due by %d (seed %s, in the audit trail)</numerusform>
        </translation>
    </message>
    <message>
        <source>没有可抽查的申请：近期快速办理的申请均已安排抽查</source>
        <translation>Nothing to draw: every recent fast-tracked application already has a spot check</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>打印文书 – %1</source>
        <translation>Print documents – %1</translation>
    </message>
    <message>
        <source>打印文书  %1</source>
        <translation>Print documents  %1</translation>
    </message>
    <message>
        <source>要打印的文书(&amp;D)（空格键勾选）</source>
        <translation>&amp;Documents to print (Space ticks)</translation>
    </message>
    <message>
        <source>已打印过的文书再次打印时，每页标注“补打（第 N 次）”。预览不计入打印记录。</source>
        <translation>A document printed before is marked “reprint (copy N)” on every page. Previews are not recorded.</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>用系统打印对话框选择打印机，打印勾选的文书（Ctrl+P）</source>
        <translation>Choose a printer in the system print dialog and print the ticked documents (Ctrl+P)</translation>
    </message>
    <message>
        <source>另存为 PDF(&amp;S)…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>把勾选的文书保存为 PDF 文件（Ctrl+S），同样记入打印记录</source>
        <translation>Save the ticked documents as PDF files (Ctrl+S), recorded like prints</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在读取文书…</source>
        <translation>Reading the documents…</translation>
    </message>
    <message numerus="yes">
        <source>已打印 %n 次，再打印为补打</source>
        <translation>
            <numerusform>Printed once; printing again is a reprint</numerusform>
            <numerusform>Printed %n times; printing again is a reprint</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>打印 %n 份文书</source>
        <translation>
            <numerusform>Print %n document</numerusform>
            <numerusform>Print %n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>把 %n 份文书保存到文件夹</source>
        <translation>
            <numerusform>Save %n document to a folder</numerusform>
            <numerusform>Save %n documents to a folder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已交给打印机“%3”：%1，共 %n 页。请到打印机取件。</source>
        <translation>
            <numerusform>Sent to printer “%3”: %1, %n page. Collect it at the printer.</numerusform>
            <numerusform>Sent to printer “%3”: %1, %n pages. Collect them at the printer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已交给默认打印机：%1，共 %n 页。请到打印机取件。</source>
        <translation>
            <numerusform>Sent to the default printer: %1, %n page. Collect it at the printer.</numerusform>
            <numerusform>Sent to the default printer: %1, %n pages. Collect them at the printer.</numerusform>
        </translation>
    </message>
    <message>
        <source>未打印</source>
        <translation>Not printed</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>正在生成预览…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <source>预览：%1，第 %2 份</source>
        <translation>Preview: %1, copy %2</translation>
    </message>
    <message>
        <source>（将标注“%1”）</source>
        <translation>(will be marked “%1”)</translation>
    </message>
    <message>
        <source>请先勾选要打印的文书。</source>
        <translation>Tick the documents to print first.</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>请先勾选要保存的文书。</source>
        <translation>Tick the documents to save first.</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1（第 %2 份）</source>
        <translation>%1 (copy %2)</translation>
    </message>
    <message>
        <source>已保存为 PDF 文件（未打印）%1：%2</source>
        <translation>Saved as a PDF file (not printed) %1: %2</translation>
    </message>
</context>
<context>
    <name>ProcedurePage</name>
    <message numerus="yes">
        <source>共 %n 件</source>
        <translation>
            <numerusform>%n in all</numerusform>
            <numerusform>%n in all</numerusform>
        </translation>
    </message>
    <message>
        <source>审核确认办理</source>
        <translation>From receipt to decision</translation>
    </message>
    <message>
        <source>扫描或输入受理编号，回车查看进度</source>
        <translation>Scan or type a receipt number, Enter shows where it stands</translation>
    </message>
    <message>
        <source>办理进度(&amp;P)</source>
        <translation>&amp;Progress</translation>
    </message>
    <message>
        <source>全部步骤</source>
        <translation>All steps</translation>
    </message>
    <message>
        <source>只看逾期(&amp;O)</source>
        <translation>&amp;Overdue only</translation>
    </message>
    <message>
        <source>姓名或受理编号</source>
        <translation>Name or receipt number</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>选择一件申请，或输入受理编号查看办理进度。</source>
        <translation>Choose an application, or type a receipt number to see where it stands.</translation>
    </message>
    <message>
        <source>办理</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>事项(&amp;A)</source>
        <translation>&amp;Action</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>保存（Ctrl+Enter）</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>文书(&amp;D)</source>
        <translation>&amp;Document</translation>
    </message>
    <message>
        <source>打印(&amp;R)…</source>
        <translation>P&amp;rint…</translation>
    </message>
    <message>
        <source>另存为 PDF(&amp;F)…</source>
        <translation>Save as PD&amp;F…</translation>
    </message>
    <message>
        <source>已发送到打印机</source>
        <translation>sent to the printer</translation>
    </message>
    <message>
        <source>保存文书</source>
        <translation>Save document</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已保存到 %1</source>
        <translation>saved to %1</translation>
    </message>
    <message>
        <source>%1 第 %2 份：</source>
        <translation>%1 copy %2: </translation>
    </message>
    <message>
        <source>至少两人，用顿号或逗号分隔</source>
        <translation>At least two, separated by commas</translation>
    </message>
    <message>
        <source>调查人员</source>
        <translation>Investigators</translation>
    </message>
    <message>
        <source>调查记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>核对结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <source>差异说明</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <source>每行一件异议；无异议留空</source>
        <translation>One objection per line; empty when none</translation>
    </message>
    <message>
        <source>公示开始</source>
        <translation>Publicity from</translation>
    </message>
    <message>
        <source>公示结束</source>
        <translation>Publicity until</translation>
    </message>
    <message>
        <source>异议</source>
        <translation>Objections</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>先行救助金额（元）</source>
        <translation>Relief paid first (yuan)</translation>
    </message>
    <message>
        <source>每月救助金额（元）</source>
        <translation>Monthly amount (yuan)</translation>
    </message>
    <message>
        <source>起始月份</source>
        <translation>First month</translation>
    </message>
    <message>
        <source>理由（空格勾选）</source>
        <translation>Reasons (Space ticks)</translation>
    </message>
    <message>
        <source>所依据的事实</source>
        <translation>Facts it rests on</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>批准延期</source>
        <translation>Approve the extension</translation>
    </message>
    <message>
        <source>不批准</source>
        <translation>Refuse it</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>重做步骤</source>
        <translation>Redo a step</translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>下一步：%1，%2 前</source>
        <translation>Next: %1, by %2</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>受理 %1，承诺办结 %2，办理期限 %3</source>
        <translation>Received %1, promised by %2, due %3</translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>延期：%1（%2 → %3）</source>
        <translation>Extension: %1 (%2 → %3)</translation>
    </message>
    <message>
        <source>不予救助：</source>
        <translation>Refused: </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>已撤回：</source>
        <translation>Withdrawn: </translation>
    </message>
    <message>
        <source>完成：%1</source>
        <translation>Record: %1</translation>
    </message>
    <message>
        <source>不予救助</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>申请延期</source>
        <translation>Ask for an extension</translation>
    </message>
    <message>
        <source>审批延期</source>
        <translation>Decide the extension</translation>
    </message>
    <message>
        <source>申请人撤回</source>
        <translation>Applicant withdraws</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>ProcedureTable</name>
    <message>
        <source>受理编号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>救助类别</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <source>通道</source>
        <translation>Track</translation>
    </message>
    <message>
        <source>当前步骤</source>
        <translation>Current step</translation>
    </message>
    <message>
        <source>步骤期限</source>
        <translation>Step due</translation>
    </message>
    <message>
        <source>办结期限</source>
        <translation>Decision due</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>（已延期）</source>
        <translation> (extended)</translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
</context>
<context>
    <name>RateDialog</name>
    <message>
        <source>当场评价</source>
        <translation>Rating at the window</translation>
    </message>
    <message>
        <source>受理编号或转介编号</source>
        <translation>Receipt or referral number</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>已到位</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>未到位</source>
        <translation>Not arrived</translation>
    </message>
    <message>
        <source>申请人的意见和建议</source>
        <translation>The applicant&apos;s comments</translation>
    </message>
    <message>
        <source>编号(&amp;N)</source>
        <translation>&amp;Number</translation>
    </message>
    <message>
        <source>评价(&amp;V)</source>
        <translation>Rat&amp;ing</translation>
    </message>
    <message>
        <source>救助是否到位(&amp;H)</source>
        <translation>&amp;Help arrived</translation>
    </message>
    <message>
        <source>意见(&amp;C)</source>
        <translation>&amp;Comment</translation>
    </message>
    <message>
        <source>登记评价</source>
        <translation>Record rating</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>改派转介</source>
        <translation>Reassign referrals</translation>
    </message>
    <message numerus="yes">
        <source>改派 %n 条转介。已接收或办理中的转介改派到新部门后，需由新部门重新接收。</source>
        <translation>
            <numerusform>Reassign %n referral. A referral already received or in progress must be received again by the new department.</numerusform>
            <numerusform>Reassign %n referrals. A referral already received or in progress must be received again by the new department.</numerusform>
        </translation>
    </message>
    <message>
        <source>部门(&amp;D)</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <source>经办人(&amp;O)</source>
        <translation>&amp;Officer</translation>
    </message>
    <message>
        <source>说明(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(nobody in particular)</translation>
    </message>
</context>
<context>
    <name>ReferralPanel</name>
    <message>
        <source>请在左侧选择一条转介</source>
        <translation>Choose a referral on the left</translation>
    </message>
    <message>
        <source>显示完整号码</source>
        <translation>Show the full number</translation>
    </message>
    <message>
        <source>查看完整身份证号码，查看记录将写入审计日志</source>
        <translation>Show full ID numbers; the viewing is written to the audit trail</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>涉及成员</source>
        <translation>Members concerned</translation>
    </message>
    <message>
        <source>转介部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>转介事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>相关情况</source>
        <translation>Facts</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>{0} · 已逾期</source>
        <translation>{0} · overdue</translation>
    </message>
    <message>
        <source>部门以纸质回复时，由窗口登记：接收、办理、办结等步骤将注明“纸质回复”。</source>
        <translation>When the department replies on paper, the desk records it: each step is marked “paper reply”.</translation>
    </message>
    <message>
        <source>向该部门转介须经申请人单独同意。</source>
        <translation>A referral to this department needs the applicant’s separate consent.</translation>
    </message>
    <message>
        <source>改派…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <source>请填写{0}(&amp;N)：</source>
        <translation>E&amp;nter {0}:</translation>
    </message>
    <message>
        <source>说明(&amp;N)（可不填）：</source>
        <translation>&amp;Note (optional):</translation>
    </message>
</context>
<context>
    <name>ReferralTableModel</name>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>剩 1 个工作日</source>
        <translation>1 working day left</translation>
    </message>
    <message>
        <source>剩 %1 个工作日</source>
        <translation>%1 working days left</translation>
    </message>
    <message>
        <source>转介编号</source>
        <translation>Referral no.</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>转介部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>已等待（工作日）</source>
        <translation>Waiting (working days)</translation>
    </message>
    <message>
        <source>转介时间</source>
        <translation>Referred at</translation>
    </message>
    <message>
        <source>受理大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>部门承办人</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>点击按此列排序</source>
        <translation>Click to sort by this column</translation>
    </message>
    <message>
        <source>已逾期：办理期限 {0}</source>
        <translation>Overdue: due {0}</translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation>(overdue)</translation>
    </message>
</context>
<context>
    <name>ReferralsPage</name>
    <message>
        <source>转介跟踪</source>
        <translation>Referral tracking</translation>
    </message>
    <message>
        <source>点击数字，按该部门和状态筛选</source>
        <translation>Click a number to filter by that department and status</translation>
    </message>
    <message>
        <source>未办结转介已等待（工作日）</source>
        <translation>Open referrals waiting (working days)</translation>
    </message>
    <message>
        <source>标记已发送</source>
        <translation>Mark as sent</translation>
    </message>
    <message>
        <source>将选中的待发送转介标记为已发送</source>
        <translation>Mark the selected pending referrals as sent</translation>
    </message>
    <message>
        <source>改派…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export the ledger…</translation>
    </message>
    <message>
        <source>导出完整身份证号</source>
        <translation>Export full ID numbers</translation>
    </message>
    <message>
        <source>完整身份证号属敏感个人信息，导出将写入审计日志</source>
        <translation>Full ID numbers are sensitive personal information; exporting them is written to the audit trail</translation>
    </message>
    <message>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>全部大厅</source>
        <translation>All halls</translation>
    </message>
    <message>
        <source>全部经办人</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>姓名、拼音首字母、编号或身份证号</source>
        <translation>Name, pinyin, no. or ID</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>只看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>到期时间在</source>
        <translation>Due within</translation>
    </message>
    <message>
        <source> 个工作日内</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>转介日期</source>
        <translation>Referred</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Sort</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>已显示 {0} 条</source>
        <translation>{0} shown</translation>
    </message>
    <message>
        <source>共 {0} 条，已显示 {1} 条</source>
        <translation>{0} in all, {1} shown</translation>
    </message>
    <message>
        <source>请先在列表中选择要发送的转介</source>
        <translation>Choose the referrals to send in the list first</translation>
    </message>
    <message>
        <source>请先在列表中选择要改派的转介</source>
        <translation>Choose the referrals to reassign in the list first</translation>
    </message>
    <message numerus="yes">
        <source>已改派 %n 条转介</source>
        <translation>
            <numerusform>%n referral reassigned</numerusform>
            <numerusform>%n referrals reassigned</numerusform>
        </translation>
    </message>
    <message>
        <source>转介台账-%1.xlsx</source>
        <translation>referral-ledger-%1.xlsx</translation>
    </message>
    <message>
        <source>导出转介台账</source>
        <translation>Export the referral ledger</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV 文本 (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV text (*.csv)</translation>
    </message>
    <message>
        <source>导出台账</source>
        <translation>Export the ledger</translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message>
        <source>评估复核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>尚无法评估</source>
        <translation>Cannot assess yet</translation>
    </message>
    <message>
        <source>家庭成员信息完整、正确后，这里显示预评估结果和理由。</source>
        <translation>Once the household is complete and correct, the pre-assessment and its reasons appear here.</translation>
    </message>
    <message>
        <source>预评估：%1</source>
        <translation>Pre-assessment: %1</translation>
    </message>
    <message>
        <source>%1 元/月</source>
        <translation>%1 yuan a month</translation>
    </message>
    <message>
        <source>政策依据：%1 %2</source>
        <translation>Policy: %1 %2</translation>
    </message>
    <message>
        <source>财产情况</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>快速办理</source>
        <translation>Fast track</translation>
    </message>
    <message>
        <source>常规流程</source>
        <translation>Normal procedure</translation>
    </message>
    <message numerus="yes">
        <source>%1 元/月（%n 人）</source>
        <translation>
            <numerusform>%1 yuan a month (%n person)</numerusform>
            <numerusform>%1 yuan a month (%n people)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1（%n 个工作日，%2）</source>
        <translation>
            <numerusform>%1 (%n working day, %2)</numerusform>
            <numerusform>%1 (%n working days, %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>约 %1 元/月（全家）</source>
        <translation>About %1 yuan a month (household)</translation>
    </message>
    <message>
        <source>临时救助一般不超过 %1 元，特别困难不超过 %2 元</source>
        <translation>Temporary assistance up to %1 yuan, up to %2 yuan in special hardship</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>已同意</source>
        <translation>Agreed</translation>
    </message>
    <message>
        <source>须单独同意</source>
        <translation>Needs consent</translation>
    </message>
    <message>
        <source>未同意</source>
        <translation>Not agreed</translation>
    </message>
    <message>
        <source>不转介：%1</source>
        <translation>Not referred: %1</translation>
    </message>
    <message>
        <source>窗口添加</source>
        <translation>Added at the window</translation>
    </message>
    <message>
        <source>采纳</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>按部门时限</source>
        <translation>Department’s limit</translation>
    </message>
    <message>
        <source>（无建议转介）</source>
        <translation>(no referral proposed)</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>涉及成员：%1</source>
        <translation>Members concerned: %1</translation>
    </message>
    <message>
        <source>不转介的理由：%1</source>
        <translation>Why not referred: %1</translation>
    </message>
    <message>
        <source>不转介到 %1 的理由(&amp;J)</source>
        <translation>Why not refer to %1 (&amp;J)</translation>
    </message>
    <message>
        <source>所有协同部门都已在转介列表中。</source>
        <translation>Every department is already in the list.</translation>
    </message>
    <message>
        <source>转介理由(&amp;J)</source>
        <translation>Reason (&amp;J)</translation>
    </message>
    <message>
        <source>请填写理由</source>
        <translation>Give the reason</translation>
    </message>
    <message>
        <source>预评估</source>
        <translation>Pre-assessment</translation>
    </message>
    <message>
        <source>家庭人均月收入</source>
        <translation>Income per person a month</translation>
    </message>
    <message>
        <source>当地低保标准</source>
        <translation>Local dibao standard</translation>
    </message>
    <message>
        <source>预计救助金额</source>
        <translation>Estimated benefit</translation>
    </message>
    <message>
        <source>承诺办结日期</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <source>评估说明（可向申请人解释）</source>
        <translation>How it was assessed (to explain to the applicant)</translation>
    </message>
    <message>
        <source>建议转介</source>
        <translation>Proposed referrals</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>转介理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>不转介…</source>
        <translation>Do not refer…</translation>
    </message>
    <message>
        <source>不采纳选中的建议，须说明理由（Delete）</source>
        <translation>Drop the selected proposal, with a reason (Delete)</translation>
    </message>
    <message>
        <source>重新采纳选中的建议</source>
        <translation>Keep the selected proposal again</translation>
    </message>
    <message>
        <source>添加转介…</source>
        <translation>Add a referral…</translation>
    </message>
    <message>
        <source>另行转介到一个部门，须说明理由（Insert）</source>
        <translation>Refer to another department, with a reason (Insert)</translation>
    </message>
    <message>
        <source>部门(&amp;B)</source>
        <translation>Department (&amp;B)</translation>
    </message>
    <message>
        <source>理由(&amp;J)</source>
        <translation>Reason (&amp;J)</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Window language</translation>
    </message>
    <message>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>更改后在下次启动时生效。打印的文书始终为中文。</source>
        <translation>Takes effect at the next start. Printed documents are always in Chinese.</translation>
    </message>
    <message>
        <source>当前账户与数据库</source>
        <translation>Account and database</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>服务大厅</source>
        <translation>Service hall</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>日志文件夹</source>
        <translation>Log folder</translation>
    </message>
    <message>
        <source>程序版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>修改我的密码…</source>
        <translation>Change my password…</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>完成设置</source>
        <translation>Finish set-up</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>初始设置 – 社会救助窗口受理台</source>
        <translation>Set-up – Intake Desk</translation>
    </message>
    <message>
        <source>首次启动：设置服务大厅和管理员</source>
        <translation>First start: the service hall and its administrator</translation>
    </message>
    <message>
        <source>数据库中还没有服务大厅和管理员账户。请填写本大厅的信息，并创建第一个管理员账户；其他工作人员的账户由管理员在“设置”中添加。</source>
        <translation>The database has no service hall and no administrator yet. Enter this hall and create the first administrator; the administrator adds the other staff on the Settings page.</translation>
    </message>
    <message>
        <source>服务大厅</source>
        <translation>Service hall</translation>
    </message>
    <message>
        <source>大厅代码(&amp;C)</source>
        <translation>Hall &amp;code</translation>
    </message>
    <message>
        <source>如 HT01（用于受理编号）</source>
        <translation>e.g. HT01 (part of every receipt number)</translation>
    </message>
    <message>
        <source>大厅名称(&amp;N)</source>
        <translation>Hall &amp;name</translation>
    </message>
    <message>
        <source>如 荷塘区月塘街道便民服务中心</source>
        <translation>e.g. Yuetang Subdistrict Service Centre</translation>
    </message>
    <message>
        <source>联系电话(&amp;T)</source>
        <translation>&amp;Telephone</translation>
    </message>
    <message>
        <source>投诉渠道(&amp;O)</source>
        <translation>C&amp;omplaints to</translation>
    </message>
    <message>
        <source>印在回执上，如 12345 政务服务热线</source>
        <translation>Printed on receipts, e.g. the 12345 hotline</translation>
    </message>
    <message>
        <source>第一个管理员账户</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>姓名(&amp;M)</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>至少 8 位</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>再次输入密码(&amp;R)</source>
        <translation>&amp;Repeat the password</translation>
    </message>
</context>
<context>
    <name>SignInBehind</name>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>登录用户：%1</source>
        <translation>Signing in as %1</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>无法登录</source>
        <translation>Cannot sign in</translation>
    </message>
</context>
<context>
    <name>SpotCheckDialog</name>
    <message>
        <source>随机抽查</source>
        <translation>Spot checks</translation>
    </message>
    <message>
        <source>正在统计可抽查的申请…</source>
        <translation>Counting the applications that can be drawn…</translation>
    </message>
    <message>
        <source>随机种子记入审计，用同一种子可复核抽取结果</source>
        <translation>The seed goes into the audit trail; the same seed repeats the draw</translation>
    </message>
    <message>
        <source>抽查比例(&amp;S)</source>
        <translation>&amp;Share</translation>
    </message>
    <message>
        <source>随机种子(&amp;E)</source>
        <translation>S&amp;eed</translation>
    </message>
    <message>
        <source>抽取</source>
        <translation>Draw</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1 至 %2 受理、告知承诺制快速办理且尚未抽查的申请：%3 件</source>
        <translation>Fast-tracked applications received %1 to %2 and not yet spot-checked: %3</translation>
    </message>
    <message>
        <source>随机种子应为数字</source>
        <translation>The seed is a number</translation>
    </message>
    <message numerus="yes">
        <source>将抽取 %n 件，每件安排一次随机抽查</source>
        <translation>
            <numerusform>To draw: %n, spot-checked once</numerusform>
            <numerusform>To draw: %n, each spot-checked once</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StartPanel</name>
    <message>
        <source>重试(&amp;R)</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>可按 Enter 重试，或退出后稍后再打开。</source>
        <translation>Press Enter to try again, or quit and open the program later.</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>近 30 天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>近 90 天</source>
        <translation>Last 90 days</translation>
    </message>
    <message>
        <source>近 14 天</source>
        <translation>Last 14 days</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>受理申请</source>
        <translation>Applications received</translation>
    </message>
    <message>
        <source>未办结转介</source>
        <translation>Open referrals</translation>
    </message>
    <message>
        <source>逾期转介</source>
        <translation>Overdue referrals</translation>
    </message>
    <message>
        <source>各部门未办结转介</source>
        <translation>Open referrals by department</translation>
    </message>
    <message>
        <source>各部门逾期转介</source>
        <translation>Overdue referrals by department</translation>
    </message>
    <message>
        <source>每日受理申请（{0} 至 {1}）</source>
        <translation>Applications received per day ({0} to {1})</translation>
    </message>
    <message>
        <source>受理数</source>
        <translation>Received</translation>
    </message>
</context>
<context>
    <name>SubmitStep</name>
    <message>
        <source>纳入监测…</source>
        <translation>Monitor…</translation>
    </message>
    <message>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>尚未填写</source>
        <translation>Not entered yet</translation>
    </message>
    <message>
        <source>家庭成员</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>%1 人</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>申请事项</source>
        <translation>Assistance requested</translation>
    </message>
    <message>
        <source>尚未选择</source>
        <translation>None chosen yet</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>尚未选择申请事项，无材料清单</source>
        <translation>No assistance chosen yet, so no materials list</translation>
    </message>
    <message>
        <source>尚缺 %1 项，提交后打印一次性告知书</source>
        <translation>%1 missing: print the one-time notice after submitting</translation>
    </message>
    <message>
        <source>齐全</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>，预计 %1 元/月</source>
        <translation>, about %1 yuan a month</translation>
    </message>
    <message>
        <source>预评估</source>
        <translation>Pre-assessment</translation>
    </message>
    <message>
        <source>办结期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>承诺制快速办理</source>
        <translation>fast track by commitment</translation>
    </message>
    <message>
        <source>常规流程</source>
        <translation>Normal procedure</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referrals</translation>
    </message>
    <message numerus="yes">
        <source>%n 个部门，其中 %2 个已取得同意（未同意的保存为建议，不发送）</source>
        <translation>
            <numerusform>%n department, %2 with consent (without consent it is kept as a proposal, not sent)</numerusform>
            <numerusform>%n departments, %2 with consent (those without are kept as proposals, not sent)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>承诺办结日期：%1（%n 个工作日）</source>
        <translation>
            <numerusform>Promised by: %1 (%n working day)</numerusform>
            <numerusform>Promised by: %1 (%n working days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>尚缺材料 %n 项：请打印一次性告知书交申请人。</source>
        <translation>
            <numerusform>%n material missing: print the one-time notice for the applicant.</numerusform>
            <numerusform>%n materials missing: print the one-time notice for the applicant.</numerusform>
        </translation>
    </message>
    <message>
        <source>需要更正</source>
        <translation>To correct</translation>
    </message>
    <message>
        <source>%1 处：</source>
        <translation>%1: </translation>
    </message>
    <message>
        <source>受理时间：%1</source>
        <translation>Received: %1</translation>
    </message>
    <message>
        <source>预评估：%1</source>
        <translation>Pre-assessment: %1</translation>
    </message>
    <message>
        <source>转介：%1</source>
        <translation>Referrals: %1</translation>
    </message>
    <message>
        <source>已纳入%1</source>
        <translation>In %1 now</translation>
    </message>
    <message>
        <source>提交前核对</source>
        <translation>Check before submitting</translation>
    </message>
    <message>
        <source>提交受理</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>提交并生成受理编号（Ctrl+Enter）</source>
        <translation>Submit and get the receipt number (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>已受理。受理编号：</source>
        <translation>Received. Receipt number:</translation>
    </message>
    <message>
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>打印受理回执（Ctrl+P）</source>
        <translation>Print the receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>新受理</source>
        <translation>New intake</translation>
    </message>
    <message>
        <source>开始下一位申请人的受理（Ctrl+N）</source>
        <translation>Start the next applicant’s intake (Ctrl+N)</translation>
    </message>
</context>
<context>
    <name>TimelinessPanel</name>
    <message>
        <source>办理时效（受理至决定，工作日）</source>
        <translation>Timeliness (working days from receipt to decision)</translation>
    </message>
    <message>
        <source>常规流程</source>
        <translation>Normal procedure</translation>
    </message>
    <message>
        <source>告知承诺</source>
        <translation>Commitment fast track</translation>
    </message>
    <message>
        <source>办理时效</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <source>平均</source>
        <translation>Mean</translation>
    </message>
    <message>
        <source>P90</source>
        <translation>P90</translation>
    </message>
    <message>
        <source>%1：已决定 %2 件，按承诺日期办结 %3，在办 %4 件，逾期 %5 件</source>
        <translation>%1: %2 decided, %3 by the promised date, %4 open, %5 overdue</translation>
    </message>
</context>
<context>
    <name>UrgingPage</name>
    <message>
        <source>督办与回访</source>
        <translation>Urging and callbacks</translation>
    </message>
    <message>
        <source>到期前提醒，逾期次日催办，再逾期转督办；办结后回访，差评整改。</source>
        <translation>Reminded before the due date, urged the day after it, escalated if still late; called back after closure, poor ratings followed up.</translation>
    </message>
    <message>
        <source>催办督办</source>
        <translation>Urging</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Callbacks</translation>
    </message>
    <message>
        <source>整改</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>需关注（全部）</source>
        <translation>Needs attention (all)</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>梯度(&amp;G)</source>
        <translation>Run&amp;g</translation>
    </message>
    <message>
        <source>事项(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取（F5）</source>
        <translation>Read again (F5)</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>梯度</source>
        <translation>Rung</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>打印催办通知书(&amp;P)…</source>
        <translation>&amp;Print urging notice…</translation>
    </message>
    <message>
        <source>另存为 PDF(&amp;S)…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>待回访</source>
        <translation>To call</translation>
    </message>
    <message>
        <source>已回访</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>无法联系</source>
        <translation>Unreachable</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>状态(&amp;T)</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>当场评价(&amp;W)…</source>
        <translation>Rated at the &amp;window…</translation>
    </message>
    <message>
        <source>申请人在窗口当场对一项服务评价（一次一评）</source>
        <translation>The applicant rates one service at the window (one rating per service)</translation>
    </message>
    <message>
        <source>登记回访</source>
        <translation>Record callback</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>回访期限</source>
        <translation>Call by</translation>
    </message>
    <message>
        <source>已联系上申请人(&amp;R)</source>
        <translation>Applicant &amp;reached</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>已到位</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>未到位</source>
        <translation>Not arrived</translation>
    </message>
    <message>
        <source>申请人的意见和建议</source>
        <translation>The applicant&apos;s comments</translation>
    </message>
    <message>
        <source>登记回访(&amp;L)</source>
        <translation>Record ca&amp;llback</translation>
    </message>
    <message>
        <source>保存这次回访；未联系上时只记一次回访（Ctrl+Enter）</source>
        <translation>Save this callback; when not reached it counts one try (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>救助是否到位</source>
        <translation>Help arrived</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>状态(&amp;U)</source>
        <translation>Stat&amp;us</translation>
    </message>
    <message>
        <source>关闭整改</source>
        <translation>Close follow-up</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Fix by</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>做了哪些整改</source>
        <translation>What was done</translation>
    </message>
    <message>
        <source>再次回访已联系上(&amp;C)</source>
        <translation>Second &amp;callback reached</translation>
    </message>
    <message>
        <source>再次回访时申请人的意见</source>
        <translation>The applicant&apos;s comment on the second call</translation>
    </message>
    <message>
        <source>关闭整改(&amp;F)</source>
        <translation>Close &amp;follow-up</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Action taken</translation>
    </message>
    <message>
        <source>再次评价</source>
        <translation>Second rating</translation>
    </message>
    <message>
        <source>再次回访意见</source>
        <translation>Second comment</translation>
    </message>
    <message>
        <source>只有逾期的转介可以打印催办通知书</source>
        <translation>Only an overdue referral can be urged</translation>
    </message>
    <message>
        <source>已发送到打印机</source>
        <translation>sent to the printer</translation>
    </message>
    <message>
        <source>保存催办通知书</source>
        <translation>Save urging notice</translation>
    </message>
    <message>
        <source>%1-催办通知书.pdf</source>
        <translation>%1-urging-notice.pdf</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已保存到 %1</source>
        <translation>saved to %1</translation>
    </message>
    <message>
        <source>催办通知书 %1 第 %2 份：</source>
        <translation>Urging notice %1 copy %2: </translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message numerus="yes">
        <source>%n 次</source>
        <translation>
            <numerusform>%n try</numerusform>
            <numerusform>%n tries</numerusform>
        </translation>
    </message>
    <message>
        <source>已记一次未联系上（第 %1 次）</source>
        <translation>one unanswered try recorded (try %1)</translation>
    </message>
    <message>
        <source>，回访结束：无法联系</source>
        <translation>; the callback is closed as unreachable</translation>
    </message>
    <message>
        <source>已登记评价：%1</source>
        <translation>rating recorded: %1</translation>
    </message>
    <message>
        <source>；已开启整改</source>
        <translation>; a follow-up is open</translation>
    </message>
    <message>
        <source>已登记当场评价：%1 %2</source>
        <translation>Rating at the window recorded: %1 %2</translation>
    </message>
    <message>
        <source>整改由窗口负责人关闭</source>
        <translation>A supervisor closes follow-ups</translation>
    </message>
    <message>
        <source>整改已关闭：%1</source>
        <translation>Follow-up closed: %1</translation>
    </message>
</context>
<context>
    <name>UrgingTables</name>
    <message>
        <source>逾期 1 个工作日</source>
        <translation>1 working day overdue</translation>
    </message>
    <message>
        <source>逾期 {n} 个工作日</source>
        <translation>{n} working days overdue</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>还剩 1 个工作日</source>
        <translation>1 working day left</translation>
    </message>
    <message>
        <source>还剩 {n} 个工作日</source>
        <translation>{n} working days left</translation>
    </message>
    <message>
        <source>梯度</source>
        <translation>Rung</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>整改</source>
        <translation>follow-up</translation>
    </message>
    <message>
        <source>延期</source>
        <translation>extension</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>回访期限</source>
        <translation>Call by</translation>
    </message>
    <message>
        <source>已回访次数</source>
        <translation>Tries</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>无法联系</source>
        <translation>Unreachable</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Fix by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
    <message>
        <source>修改我的密码</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>管理员为您设置的是临时密码，请先设置自己的密码再开始工作。</source>
        <translation>The administrator gave you a temporary password: set your own before you start.</translation>
    </message>
    <message>
        <source>添加用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>字母、数字或 ._-，如 wangli</source>
        <translation>Letters, digits or ._-, e.g. wangli</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>当前密码(&amp;O)</source>
        <translation>&amp;Current password</translation>
    </message>
    <message>
        <source>新密码(&amp;N)</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>再次输入(&amp;A)</source>
        <translation>&amp;Again</translation>
    </message>
    <message>
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>姓名(&amp;M)</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <source>角色(&amp;R)</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>部门(&amp;D)</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <source>临时密码(&amp;P)</source>
        <translation>Temporary &amp;password</translation>
    </message>
    <message>
        <source>用户首次登录时须改用自己的密码。</source>
        <translation>At the first sign-in the user must choose their own password.</translation>
    </message>
    <message>
        <source>重置 %1 的密码</source>
        <translation>Reset %1&apos;s password</translation>
    </message>
    <message>
        <source>重置后账户解除锁定；用户下次登录时须改用自己的密码。</source>
        <translation>The reset unlocks the account; at the next sign-in the user must choose their own password.</translation>
    </message>
    <message>
        <source>大厅 / 部门</source>
        <translation>Hall / department</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>锁定至 %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>密码与锁定规则</source>
        <translation>Password and lock-out rules</translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation>Save rules</translation>
    </message>
    <message>
        <source>账户与安全</source>
        <translation>Accounts and security</translation>
    </message>
    <message>
        <source>用户账户</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <source>添加用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>规则已保存（已记入审计日志）</source>
        <translation>Rules saved (recorded in the audit trail)</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>已添加用户 %1</source>
        <translation>Added user %1</translation>
    </message>
    <message>
        <source>已重置 %1 的密码</source>
        <translation>Reset the password of %1</translation>
    </message>
    <message>
        <source>已启用 %1</source>
        <translation>Enabled %1</translation>
    </message>
    <message>
        <source>已停用 %1</source>
        <translation>Disabled %1</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>入户走访 – %1</source>
        <translation>Home visit – %1</translation>
    </message>
    <message>
        <source>“无需帮扶”或“退出监测”须写明理由</source>
        <translation>“No help needed” and “Leave monitoring” need a reason</translation>
    </message>
    <message>
        <source>走访日期(&amp;D)</source>
        <translation>Visit &amp;date</translation>
    </message>
    <message>
        <source>走访人（一）(&amp;1)</source>
        <translation>Visitor (&amp;1)</translation>
    </message>
    <message>
        <source>走访人（二）(&amp;2)</source>
        <translation>Visitor (&amp;2)</translation>
    </message>
    <message>
        <source>走访发现(&amp;F)</source>
        <translation>&amp;Findings</translation>
    </message>
    <message>
        <source>家庭现状(&amp;S)</source>
        <translation>Household&apos;s &amp;situation</translation>
    </message>
    <message>
        <source>处理结果(&amp;O)</source>
        <translation>&amp;Outcome</translation>
    </message>
    <message>
        <source>理由/说明(&amp;R)</source>
        <translation>&amp;Reason / note</translation>
    </message>
    <message>
        <source>家庭情况稳定(&amp;T)（每 %1 个月复核；不稳定的每 %2 个月）</source>
        <translation>Situation s&amp;table (re-checked every %1 months; unstable every %2)</translation>
    </message>
    <message>
        <source>户籍(&amp;H)</source>
        <translation>&amp;Hukou</translation>
    </message>
    <message>
        <source>人均月收入(&amp;I)</source>
        <translation>&amp;Income per head a month</translation>
    </message>
    <message>
        <source>元/月，不清楚可不填</source>
        <translation>yuan a month; leave empty if unknown</translation>
    </message>
    <message>
        <source>风险因素</source>
        <translation>Risk factors</translation>
    </message>
    <message>
        <source>保存走访记录</source>
        <translation>Save the visit</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>社会救助窗口受理台</source>
        <translation>Intake Desk</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>您的角色不能打印文书。</source>
        <translation>Your role may not print documents.</translation>
    </message>
</context>
</TS>
