// What the cadres module tells a person (zh-CN, en); merged into server/i18n.ts.
import { ATTENDANCE_MESSAGES } from './attendance/messages.ts';

export const CADRE_MESSAGES = {
  ...ATTENDANCE_MESSAGES,
  CADRE_NOT_A_VILLAGE: ['驻村只能派到行政村（12 位代码）：{code}', 'A posting is to a village (a 12-digit code): {code}'],
  CADRE_UNIT_UNKNOWN: ['派出单位不存在或不在您的范围内', 'No such dispatching unit within your reach'],
  CADRE_UNIT_LEVEL: [
    '派出单位层级与所在区域不符：{level}单位应属于{length}位代码的区域',
    'The unit level does not fit its region: a {level} unit belongs to a {length}-digit region',
  ],
  CADRE_UNIT_EXISTS: ['该区域已有同名派出单位：{name}', 'This region already has a unit called {name}'],
  CADRE_BAD_ID: ['证件号码有误：{problem}', 'The ID number is wrong: {problemEn}'],
  CADRE_BAD_PHONE: [
    '联系电话应为 11 位手机号或带区号的固定电话',
    'The phone must be an 11-digit mobile number or a landline with area code',
  ],
  CADRE_PERSON_OTHER_COUNTY: [
    '此人已登记在其他县，请先由该县核实',
    'This person is registered in another county; that county must verify first',
  ],
  CADRE_NAME_MISMATCH: [
    '该证件号码已登记，但姓名不同（登记为“{name}”），请核对',
    'This ID number is registered under another name ("{name}"); check it',
  ],
  CADRE_ALREADY_POSTED: [
    '此人已在{village}驻村（{state}），同一时间只能在一个村驻村',
    'This person already has a posting in {village} ({stateEn}); one village at a time',
  ],
  CADRE_DATES: ['任职结束日期须晚于开始日期', 'The planned end must be after the start'],
  CADRE_END_DATE: [
    '离任日期须在任职开始日期（{start}）之后、不晚于今天',
    'The last day must be on or after the start ({start}) and not after today',
  ],
  CADRE_REASON_CODE: ['撤换须选择撤换原因', 'A replacement needs a reason from the list'],
  CADRE_REPLACES: ['被接替的任职须在同一村且已撤换', 'The posting replaced must be in the same village and ended as a replacement'],
  CADRE_STEP_UNKNOWN: ['不能在这里办理这一步：{action}', 'This step is not taken here: {action}'],
  LEAVE_NOT_IN_POST: ['只有在岗的驻村干部可以请假', 'Only a cadre in post can ask for leave'],
  LEAVE_OUTSIDE_POSTING: ['请假日期须在任职期内（{start} 至 {end}）', 'Leave must fall within the posting ({start} to {end})'],
  LEAVE_DATES: ['请假结束日期不能早于开始日期，且一次最多 {max} 天', 'Leave ends on or after its start, at most {max} days at a time'],
  LEAVE_OVERLAP: ['与已有的请假（{start} 至 {end}）重叠', 'Overlaps leave already asked for ({start} to {end})'],
  CADRE_SPOT_CHECK_LEVEL: ['抽查须由乡镇或县级用户记录', 'Spot checks are recorded by township or county users'],
  CADRE_SPOT_CHECK_DATE: [
    '抽查日期须在在岗期间（{start} 至 {end}）且不晚于今天',
    'The spot-check date must fall while in post ({start} to {end}) and not after today',
  ],
  CADRE_REVIEW_LEVEL: [
    '哪一级派出，哪一级为主考核：须由派出单位“{unit}”所在的{level}用户评议',
    'Reviews are written by the dispatching level: users of the {levelEn} of "{unit}"',
  ],
  CADRE_RATING_CAPPED: [
    '本年度有 {count} 次无故缺勤，评议等次最高为“{cap}”',
    '{count} unexcused absences this year: the rating can be at most "{capEn}"',
  ],
  CADRE_REVIEW_EXISTS: ['{year} 年该期评议已填写', 'This period of {year} has been reviewed already'],
  CADRE_LOGIN_NOT_IN_POST: ['只能为在岗的驻村干部开通账号', 'Only a cadre in post can be given a login'],
  FIELD_NO_POSTING: ['您的账号没有关联驻村任职，不能使用签到', 'Your login is not linked to a posting; check-in is not available'],
  FIELD_BAD_KEY: ['设备公钥无效（应为 P-256 椭圆曲线公钥）', 'The device key is not a valid P-256 public key'],
  FIELD_DEVICE_TAKEN: ['该设备密钥已由其他账号登记', 'This device key is registered to another login'],
  FIELD_DEVICE_UNKNOWN: [
    '设备未登记，或登记于您的另一次任职',
    'The device is not registered, or was registered for another posting of yours',
  ],
  FIELD_DEVICE_REVOKED: [
    '该设备已于 {date} 被县委组织部停用（{reason}），此后签名的记录不予接收；请重新登录以登记新设备',
    'This device was revoked by the county on {date} ({reason}); records it signs are refused. Sign in again to register a new device',
  ],
  CADRE_DEVICE_LEVEL: [
    '停用签到设备须由县级组织部门（有用户管理权限的账号）办理',
    'Devices are revoked by the county organisation department (a login that manages users)',
  ],
  CADRE_DEVICE_REASON: ['请填写停用原因', 'Give the reason for revoking the device'],
  CADRE_DEVICE_REVOKED_ALREADY: ['该设备已于 {date} 停用', 'This device was revoked on {date} already'],
  FIELD_DEVICE_OTHER_USER: ['该设备登记在其他账号名下', 'The device belongs to another login'],
  FIELD_BAD_SIGNATURE: ['签名校验失败，记录可能被篡改', 'The signature does not match; the record may have been altered'],
  FIELD_REPLAYED: ['该记录编号已用于另一条签到', 'This record id was already used by another check-in'],
  FIELD_TOO_LATE: ['签到时间早于 {days} 天前，不能补交', 'Check-ins older than {days} days are not accepted'],
  FIELD_FUTURE: [
    '签到时间晚于服务器时间超过 10 分钟，请校准手机时间',
    'The check-in time is more than 10 minutes ahead; set the phone clock',
  ],
  FIELD_LOG_TOO_LARGE: ['上传内容过大：照片合计不能超过 {max} MB', 'The upload is too large: the photos may total at most {max} MB'],
  FIELD_PHOTO_TOO_LARGE: [
    '照片过大：每张不能超过 {max} MB，请压缩后重试',
    'A photo is too large: at most {max} MB each; make it smaller and retry',
  ],
  FIELD_PHOTO_TYPE: ['照片“{name}”不是 JPEG 或 PNG 图片', 'The photo "{name}" is not a JPEG or PNG image'],
  FIELD_PHOTO_MISSING: [
    '照片文件不在数据目录中（可用 fupin photos verify 检查，从备份恢复）',
    'The photo file is not in the data folder (check with fupin photos verify; restore it from a backup)',
  ],
  FIELD_TOO_MANY_PHOTOS: ['每篇日志最多 {max} 张照片', 'A log holds at most {max} photos'],
  FIELD_LOG_BAD_FORM: ['日志内容不完整或格式有误', 'The log is incomplete or malformed'],
  FIELD_LOG_EXISTS: ['{date} 已有工作日志，每天一篇', 'There is already a work log for {date}; one a day'],
  FIELD_HOUSEHOLD_NOT_IN_VILLAGE: ['该户不在您驻村的{village}', 'This household is not in your village ({village})'],
} as const satisfies Record<string, readonly [string, string]>;
