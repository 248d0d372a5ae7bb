// Replica — the pages of the eAppointment préfecture: motives, date picker and hours, personal details. Pure functions
// of their arguments. Ids, names and classes follow what public bots select (docs/sites/eappointment.md): checkboxes
// `selectedMotiveKeyList` in `#displayDiv .motiveField1`, `#nextButtonId`, `form2`, `#dayValueId`, a jQuery UI date
// picker whose open days are `td.undefined > a.ui-state-default`, `.availabilityColumnX`, `.choice_captcha .img_captcha`.
// The answers come as the platform's do: a DWR call whose reply the page runs, then an alert or a script navigation.

import { esc } from '../http.ts';
import {
  EAPPOINTMENT_APP,
  EAPPOINTMENT_PREFECTURE,
  EAPPOINTMENT_START,
  EAPPOINTMENT_TEXTS,
  OPEN_DAYS,
  type Motive,
} from './site.ts';

export const DWR = `${EAPPOINTMENT_APP}/dwr/call/plaincall`;
export const PAGE_PATH = `${EAPPOINTMENT_APP}/element/jsp/appointment.jsp`;

const STYLE = `
body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #333; background: #eef1f5; }
header { background: #000091; color: #fff; padding: 12px 24px; font-size: 18px; }
main { max-width: 860px; margin: 20px auto; background: #fff; padding: 12px 28px 28px; border: 1px solid #cfd6e0; }
h1 { font-size: 22px; color: #000091; }
h2 { font-size: 17px; border-bottom: 1px solid #cfd6e0; padding-bottom: 4px; }
.motiveField1 div { margin: 8px 0; }
.btn { background: #000091; color: #fff; border: 0; padding: 8px 18px; font-size: 14px; cursor: pointer; }
.ui-datepicker-calendar td { padding: 4px 8px; text-align: center; }
.ui-state-disabled { color: #aaa; }
.ui-datepicker-calendar a { font-weight: bold; color: #000091; }
.availabilityColumnX p { margin: 6px 0; }
.img_captcha { margin: 8px 0; }
footer { text-align: center; font-size: 12px; color: #666; padding: 8px 0 24px; }
`;

// The DWR engine in four lines: a plaincall posts `key=value` lines, and its reply is script that hands the result to
// the callback (`dwr.engine.remote.handleCallback(batch, call, result)`).
const DWR_ENGINE = `var dwr = { engine: { remote: { handleCallback: function (batch, call, result) { dwr.callback(result); } } } };
function dwrCall(script, method, params, callback) {
  var lines = ['callCount=1', 'page=${PAGE_PATH}', 'httpSessionId=', 'scriptSessionId=', 'c0-scriptName=' + script, 'c0-methodName=' + method, 'c0-id=0'];
  var xhr = new XMLHttpRequest();
  xhr.open('POST', '${DWR}/' + script + '.' + method + '.dwr');
  xhr.setRequestHeader('Content-Type', 'text/plain');
  xhr.onload = function () { dwr.callback = callback; new Function(xhr.responseText)(); };
  xhr.send(lines.concat(params, ['batchId=1']).join('\\n'));
}`;

function layout(content: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Prise de rendez-vous - ${esc(EAPPOINTMENT_PREFECTURE)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>${esc(EAPPOINTMENT_PREFECTURE)} — service des étrangers</header>
<main>
<h1>Prise de rendez-vous</h1>
${content}
</main>
<footer>${esc(EAPPOINTMENT_PREFECTURE)} — site de démonstration de la réplique, sans lien avec un site réel</footer>
${script === '' ? '' : `<script>${DWR_ENGINE}\n${script}</script>`}
</body>
</html>
`;
}

const form = (step: string, content: string) =>
  `<form name="form2" id="form2" method="post" action="${EAPPOINTMENT_START}"><input type="hidden" name="step" value="${step}">${content}</form>`;

/** Step 1: the motives, and « Continuer » that asks the server by DWR before anything moves. */
export function motivePage(motives: readonly Motive[]): string {
  const boxes = motives
    .map(
      (m) =>
        `<div><input type="checkbox" name="selectedMotiveKeyList" id="motive${m.key}" value="${m.key}"> <label for="motive${m.key}">${esc(m.label)}</label></div>`,
    )
    .join('\n');
  // As the real loadSoonestAvailabilities: the checked motives as a map, then the callback alerts the server's
  // message or, when it found availabilities, submits form2 after a short fade.
  const script = `document.getElementById('nextButtonId').addEventListener('click', function () {
  var keys = Array.from(document.querySelectorAll('#displayDiv .motiveField1 input:checked'), function (c) { return c.value; });
  var params = ['c0-param0=boolean:false'].concat(keys.map(function (k, i) { return 'c0-e' + (i + 1) + '=number:1'; }));
  params.push('c0-param1=Object_Object:{' + keys.map(function (k, i) { return k + ':reference:c0-e' + (i + 1); }).join(', ') + '}');
  dwrCall('AjaxMotive', 'motiveMultiSiteSubmit', params, function (reply) {
    if (reply != null && reply.foundAvailabilities) {
      setTimeout(function () { document.forms['form2'].submit(); }, 300);
      return;
    }
    alert(reply == null ? 'callback is null' : reply.msg);
  });
});`;
  return layout(
    form(
      'motive',
      `<div id="displayDiv"><div id="pane3">
<h2>Motif du rendez-vous</h2>
<p>Cochez le motif de votre rendez-vous.</p>
<div class="motiveField1">
${boxes}
</div>
</div></div>
<p><input type="button" id="nextButtonId" class="btn btn-primary" value="${esc(EAPPOINTMENT_TEXTS.button)}"></p>`,
    ),
    script,
  );
}

const WEEKDAYS = ['lu', 'ma', 'me', 'je', 've', 'sa', 'di'];

/** January 2027 as jQuery UI draws it: weeks from Monday, open days a link in a `td.undefined`. */
function datepicker(): string {
  const cells = ['', '', '', ''].map(
    () => '<td class=" ui-datepicker-other-month ui-datepicker-unselectable ui-state-disabled">&#xa0;</td>',
  );
  for (let day = 1; day <= 31; day++) {
    const open = (OPEN_DAYS as readonly string[]).includes(String(day));
    cells.push(
      open
        ? `<td class=" undefined" data-handler="selectDay" data-event="click" data-month="0" data-year="2027"><a class="ui-state-default" href="#">${day}</a></td>`
        : `<td class=" ui-datepicker-unselectable ui-state-disabled"><span class="ui-state-default">${day}</span></td>`,
    );
  }
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(`<tr>${cells.slice(i, i + 7).join('')}</tr>`);
  return `<div id="ui-datepicker-div" class="ui-datepicker ui-widget ui-widget-content"><div class="ui-datepicker-group">
<div class="ui-datepicker-header"><div class="ui-datepicker-title"><span class="ui-datepicker-month">Janvier</span> <span class="ui-datepicker-year">2027</span></div></div>
<table class="ui-datepicker-calendar"><thead><tr>${WEEKDAYS.map((d) => `<th>${d}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</div></div>`;
}

/** Step 2: the date picker; picking a day closes it and lists that day's hours, asked by DWR. */
export function calendarPage(): string {
  const script = `document.querySelectorAll('td[data-handler="selectDay"] a').forEach(function (a) {
  a.addEventListener('click', function (event) {
    event.preventDefault();
    var day = a.textContent.trim();
    dwrCall('AjaxSelectionFormFeeder', 'getHoursProposalForADay', ['c0-param0=boolean:false', 'c0-param1=boolean:false', 'c0-param2=string:2027-01-' + (day.length < 2 ? '0' : '') + day], function (hours) {
      document.getElementById('dayValueId').value = (day.length < 2 ? '0' : '') + day + '/01/2027';
      document.getElementById('ui-datepicker-div').style.display = 'none';
      document.getElementById('timeAreas').innerHTML = hours.map(function (h) {
        var id = 'timeArea' + h.replace(':', '');
        return '<p><input type="radio" name="timeArea" id="' + id + '" value="' + h + '"> <label for="' + id + '">A ' + h + '</label></p>';
      }).join('');
      document.getElementById('hoursArea').hidden = false;
    });
  });
});`;
  return layout(
    form(
      'hour',
      `<h2>Date du rendez-vous</h2>
<p><label for="dayValueId">Date</label> <input type="text" id="dayValueId" name="dayValue" readonly> <input type="hidden" id="dateFormatStrId" value="dd/mm/yy"></p>
${datepicker()}
<div id="hoursArea" hidden>
<h2>${esc(EAPPOINTMENT_TEXTS.hours)}</h2>
<div class="availabilityColumnX" id="timeAreas"></div>
<p><input type="submit" id="nextButtonId" class="btn btn-primary" value="${esc(EAPPOINTMENT_TEXTS.button)}"></p>
</div>`,
    ),
    script,
  );
}

// a grey 160 × 50 box in place of the code's image
const CODE_IMAGE =
  "data:image/svg+xml;utf8,%3Csvg xmlns='http://www.w3.org/2000/svg' width='160' height='50'%3E%3Crect width='160' height='50' fill='%23ccc'/%3E%3Ctext x='20' y='33' font-size='24' fill='%23555'%3EX7 K2 P%3C/text%3E%3C/svg%3E";

/** Step 3: the personal details, the slot held meanwhile, and the image code under the form. */
export function detailsPage(): string {
  const field = (id: string, label: string) =>
    `<p><label for="${id}">${esc(label)}</label> <input type="text" id="${id}" name="${id}"></p>`;
  return layout(
    form(
      'book',
      `<h2>Vos coordonnées</h2>
${field('lastName', 'Nom (*)')}
${field('firstName', 'Prénom (*)')}
${field('email', 'Courriel (*)')}
<div class="choice_captcha">
<div class="img_captcha"><img src="${CODE_IMAGE}" width="160" height="50" alt=""></div>
${field('captcha', EAPPOINTMENT_TEXTS.code)}
</div>
<p><input type="submit" id="nextButtonId" class="btn btn-primary" value="Valider"></p>`,
    ),
  );
}

export function neverBooksPage(): string {
  return layout('<p>Cette réplique de test ne réserve jamais de rendez-vous.</p>');
}
