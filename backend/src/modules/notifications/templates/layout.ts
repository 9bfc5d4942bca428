/** The frame every mail shares; `body` is the rendered template. */
export const HTML_LAYOUT = `<!doctype html>
<html lang="{{locale}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px">
<tr><td style="padding:18px 28px;border-bottom:1px solid #e4e7eb;font-size:18px;font-weight:bold">CallTimeX{{#if organizationName}} <span style="font-weight:normal;color:#616e7c">· {{organizationName}}</span>{{/if}}</td></tr>
<tr><td style="padding:24px 28px;font-size:15px;line-height:1.55">{{{body}}}</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e4e7eb;font-size:12px;line-height:1.5;color:#616e7c">{{footer}}{{#if unsubscribeUrl}}<br><a href="{{unsubscribeUrl}}" style="color:#616e7c">{{unsubscribeLabel}}</a>{{/if}}{{#if preferencesUrl}} · <a href="{{preferencesUrl}}" style="color:#616e7c">{{preferencesLabel}}</a>{{/if}}</td></tr>
</table></td></tr></table>
</body>
</html>
`;

export const TEXT_LAYOUT = `{{{body}}}

--
CallTimeX{{#if organizationName}} · {{{organizationName}}}{{/if}}
{{{footer}}}{{#if unsubscribeUrl}}
{{{unsubscribeLabel}}}: {{{unsubscribeUrl}}}{{/if}}{{#if preferencesUrl}}
{{{preferencesLabel}}}: {{{preferencesUrl}}}{{/if}}
`;

export const BUTTON_PARTIAL = `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:18px 0"><tr><td style="background:#1e5fb4;border-radius:4px"><a href="{{url}}" style="display:inline-block;padding:11px 20px;color:#ffffff;text-decoration:none;font-weight:bold">{{label}}</a></td></tr></table>`;
