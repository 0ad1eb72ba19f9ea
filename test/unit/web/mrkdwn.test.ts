// The Slack mrkdwn renderer: the allow-list (bold, italic, strike, code, blocks, safe links, mentions
// with names) and that nothing else gets through as markup, however it is written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  mentionedUserIds,
  mrkdwnToHtml,
  mrkdwnToMarkdown,
  mrkdwnToText,
  safeUrl,
} from '../../../src/web/render/mrkdwn.ts';

const names = new Map([
  ['U0BOB', 'Bob Brown'],
  ['U0EVIL', '<img src=x onerror=alert(1)>'],
]);
const html = (text: string) => mrkdwnToHtml(text, names);

/** Every tag in the output, by name: what the allow-list let through. */
const tags = (out: string) => [...out.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]?.toLowerCase());
const ALLOWED = new Set(['strong', 'em', 's', 'code', 'pre', 'a', 'span', 'br']);

describe('mrkdwn to HTML', () => {
  it('formats bold, italic, strike and inline code', () => {
    assert.equal(
      html('*bold* _italic_ ~gone~ `a *b* c`'),
      '<strong>bold</strong> <em>italic</em> <s>gone</s> <code class="app-mrkdwn__code">a *b* c</code>',
    );
  });

  it('leaves marks inside words and arithmetic alone', () => {
    assert.equal(html('user_search_index and 2*3*4 and a~b~c'), 'user_search_index and 2*3*4 and a~b~c');
    assert.equal(html('* not bold *'), '* not bold *');
    assert.equal(html('**'), '**');
  });

  it('nests properly, and turns a mark that never closes back into text', () => {
    assert.equal(html('*bold _both_*'), '<strong>bold <em>both</em></strong>');
    assert.equal(html('*a _b* c_'), '<strong>a _b</strong> c_');
    assert.equal(html('*open only'), '*open only');
    assert.equal(html('*no\nbold*'), '*no<br>bold*', 'formatting does not cross lines');
  });

  it('keeps code blocks verbatim, escaped, and an unclosed fence as text', () => {
    assert.equal(
      html('before\n```\n*not bold* <b>\n```\nafter'),
      'before<br><pre class="app-mrkdwn__pre"><code>*not bold* &lt;b&gt;</code></pre><br>after',
    );
    assert.equal(html('x ```unclosed'), 'x ```unclosed');
  });

  it('links http, https and mailto, normalised and escaped, with their labels', () => {
    assert.equal(
      html('<https://example.com/a?b=1&amp;c="2"|the docs>'),
      '<a class="govuk-link" href="https://example.com/a?b=1&amp;c=%222%22" rel="noopener noreferrer nofollow">the docs</a>',
    );
    assert.match(html('<http://example.com>'), /href="http:\/\/example.com\/"[^>]*>http:\/\/example.com<\/a>/);
    assert.match(html('<mailto:oncall@example.com|mail us>'), /href="mailto:oncall@example.com"[^>]*>mail us<\/a>/);
  });

  it('never links javascript:, data:, vbscript: or relative targets: they stay text', () => {
    for (const source of [
      '<javascript:alert(1)|click>',
      '<JavaScript:alert(1)>',
      '<data:text/html,<script>alert(1)</script>|x>',
      '<vbscript:msgbox(1)|x>',
      '</relative/path|x>',
      '<java\tscript:alert(1)|x>',
    ]) {
      const out = html(source);
      assert.doesNotMatch(out, /<a /, source);
      assert.doesNotMatch(out, /href=/, source);
    }
    assert.equal(html('<javascript:alert(1)|click me>'), 'click me');
    assert.equal(safeUrl('javascript:alert(1)'), null);
    assert.equal(safeUrl(' https://example.com '), 'https://example.com/');
  });

  it('escapes everything outside the allow-list, script and event handlers included', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(2)>',
      '"><svg onload=alert(3)>',
      "<a href='javascript:alert(4)'>x</a>",
      '&lt;script&gt;alert(5)&lt;/script&gt;',
      '<https://example.com|"><script>alert(6)</script>>',
      '<@U0EVIL>',
      '<#C0PAY|"><script>alert(7)</script>>',
    ];
    for (const source of attacks) {
      const out = html(source);
      for (const tag of tags(out)) assert.ok(ALLOWED.has(tag ?? ''), `<${tag}> came through from ${source}`);
      assert.doesNotMatch(out, /<script|<img|<svg/i, source);
      // No event handler attribute on any tag (escaped text may say "onerror=", as text).
      for (const tag of out.match(/<[a-z][^>]*>/gi) ?? [])
        assert.doesNotMatch(tag.replace(/"[^"]*"/g, ''), /\son\w+=/i);
    }
    assert.equal(html('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(html('&lt;script&gt;'), '&lt;script&gt;', "Slack's escaping decoded, then escaped again");
    assert.equal(html('a & b'), 'a &amp; b');
  });

  it('shows user mentions by name from the cache, else their label, else the id', () => {
    assert.equal(html('ask <@U0BOB>'), 'ask <span class="app-mention">@Bob Brown</span>');
    assert.equal(html('<@U0NEW|newbie>'), '<span class="app-mention">@newbie</span>');
    assert.equal(html('<@U0NEW>'), '<span class="app-mention">@U0NEW</span>');
    assert.equal(
      html('<@U0EVIL>'),
      '<span class="app-mention">@&lt;img src=x onerror=alert(1)&gt;</span>',
      'a name is text too',
    );
  });

  it('links channel mentions to Slack, and shows special mentions as Slack does', () => {
    assert.equal(
      html('in <#C0PAY|inc-1-payments>'),
      'in <a class="govuk-link app-mention" href="https://slack.com/app_redirect?channel=C0PAY">#inc-1-payments</a>',
    );
    assert.match(html('<#C0PAY>'), />#C0PAY<\/a>/);
    assert.equal(
      html('<!here> <!subteam^S1|@oncall>'),
      '<span class="app-mention">@here</span> <span class="app-mention">@oncall</span>',
    );
  });

  it('formats around links and mentions', () => {
    assert.equal(
      html('*<https://x.example|status>* _<@U0BOB>_'),
      '<strong><a class="govuk-link" href="https://x.example/" rel="noopener noreferrer nofollow">status</a></strong> <em><span class="app-mention">@Bob Brown</span></em>',
    );
  });

  it('turns new lines into line breaks and keeps a lone < as text', () => {
    assert.equal(html('a < b\nc > d'), 'a &lt; b<br>c &gt; d');
  });

  it('finds the user ids to look up', () => {
    assert.deepEqual(mentionedUserIds('<@U0BOB> and <@W0ENT|ent> and <@U0BOB> and <@lower>'), ['U0BOB', 'W0ENT']);
  });
});

describe('mrkdwn to Markdown and text', () => {
  it('converts formatting, links and mentions for the report', () => {
    assert.equal(
      mrkdwnToMarkdown('*Bold* _it_ ~old~ `x` <https://example.com|docs> <@U0BOB>', names),
      '**Bold** _it_ ~~old~~ `x` [docs](<https://example.com/>) @Bob Brown',
    );
  });

  it('escapes Markdown and HTML in plain text, and fences code safely', () => {
    assert.equal(mrkdwnToMarkdown('<b>1 * 2</b> [x](y)', names), '\\<b\\>1 \\* 2\\</b\\> \\[x\\](y)');
    assert.equal(mrkdwnToMarkdown('use `npm ci`'), 'use `npm ci`');
    assert.equal(mrkdwnToMarkdown('```\nline 1\nline 2\n```'), '```\nline 1\nline 2\n```');
    assert.equal(mrkdwnToMarkdown('<javascript:alert(1)|click>'), 'click');
  });

  it('indents continuation lines so a multi-line entry stays in its list item', () => {
    assert.equal(mrkdwnToMarkdown('one\ntwo', names, '  '), 'one  \n  two');
  });

  it('gives plain text with names', () => {
    assert.equal(mrkdwnToText('*Hi* <@U0BOB>, see <https://x.example|this>', names), 'Hi @Bob Brown, see this');
  });
});
