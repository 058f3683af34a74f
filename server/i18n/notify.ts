/**
 * Message table section: text messages to citizens who opted in, and the phone page's opt-in.
 * zh-CN first; English must have the same keys.
 *
 * Placeholders: `{hall}` the hall's name, `{number}` the ticket, `{ahead}` people ahead,
 * `{window}` the window number, `{date}`/`{time}` an appointment's day and start.
 */
export const notifyZh = {
  sms: {
    ahead: '【{hall}】您的{number}号前面还有{ahead}位，请回到大厅等候叫号。',
    called: '【{hall}】请{number}号到{window}号窗口办理。',
    reminder: '【{hall}】提醒：您预约了{date} {time}办理业务，请按时到大厅签到。',
    code: '【{hall}】您的短信验证码为{code}，10分钟内有效，用于开启叫号短信提醒。如非本人操作，请忽略本短信。',
  },
  optIn: {
    title: '短信提醒',
    hint: '离开大厅也不会错过：快轮到您和叫号时发短信提醒。',
    phone: '手机号码',
    submit: '开启提醒',
    done: '已开启短信提醒：{phone}',
    cancel: '取消提醒',
    cancelled: '已取消短信提醒',
    badPhone: '请输入11位手机号码',
    codeSent: '验证码已发送至 {phone}，请在10分钟内输入',
    code: '短信验证码',
    confirm: '确认开启',
    badCode: '请输入6位数字验证码',
    again: '重新获取验证码',
  },
};

export const notifyEn: typeof notifyZh = {
  sms: {
    ahead: '[{hall}] {ahead} people are ahead of number {number}. Please come back to the hall.',
    called: '[{hall}] Number {number}, please go to window {window}.',
    reminder: '[{hall}] Reminder: your appointment is on {date} at {time}. Please check in on time.',
    code: '[{hall}] Your verification code is {code}, valid for 10 minutes, to turn on queue text reminders. If you did not ask for it, ignore this message.',
  },
  optIn: {
    title: 'Text reminders',
    hint: 'Step outside without missing your turn: we text you when it is near and when you are called.',
    phone: 'Mobile number',
    submit: 'Remind me',
    done: 'Text reminders on: {phone}',
    cancel: 'Stop reminders',
    cancelled: 'Text reminders stopped',
    badPhone: 'Enter an 11-digit mobile number',
    codeSent: 'A code was texted to {phone}; enter it within 10 minutes',
    code: 'Text code',
    confirm: 'Turn on',
    badCode: 'Enter the 6-digit code',
    again: 'Send a new code',
  },
};
