"""The moderation queue in a real browser: live arrival, edit and approve, report,
hide, appeal to a second moderator, outcomes told, the audit log; axe and screenshots.
"""

import re

import pytest

from tests.e2e.conftest import (
    axe_violations,
    in_thread,
    open_menu,
    screenshot,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIVE = "html[data-moderation-live]"


def browser_member(make_member, pseudonym: str, **fields):
    """A member the Daphne process can sign in (it lacks the fast test hasher)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    member = make_member(pseudonym, **fields)
    hasher = PBKDF2PasswordHasher()
    member.password = hasher.encode(
        "a long kind password", hasher.salt(), iterations=1000
    )
    member.save(update_fields=["password"])
    return member


@pytest.fixture
def cast(transactional_db, make_member):
    return in_thread(_cast, make_member)


def _cast(make_member):
    from forum import services as forum_services
    from forum.models import Space
    from moderation.models import MemberStanding

    space = Space.objects.create(name="Night feeds", slug="night-feeds", order=1)
    trusted = browser_member(make_member, "Settled Lark")
    MemberStanding.objects.create(member=trusted, trust_override=2, approved_count=30)
    writer = browser_member(make_member, "Sharp Robin")
    MemberStanding.objects.create(member=writer, trust_override=2, approved_count=30)
    thread = forum_services.thread_create(
        author=trusted,
        space=space,
        title="Bottle or breast",
        body="What worked for you?",
    ).thread
    reply = forum_services.reply_create(
        author=writer,
        thread=thread,
        body="Honestly only lazy parents use bottles.",
        post_anyway=True,
    ).reply
    return {
        "space": space,
        "newcomer": browser_member(make_member, "New Sparrow"),
        "reporter": browser_member(make_member, "Kind Plover"),
        "writer": writer,
        "reply": reply,
        "first": browser_member(make_member, "First Mod", roles=["moderator"]),
        "second": browser_member(make_member, "Second Mod", roles=["moderator"]),
        "operator": browser_member(
            make_member, "Op Badger", roles=["operator"], is_staff=True
        ),
    }


def decide(page, action_label: str, guideline: str, reason: str, new_text: str = ""):
    page.get_by_role("button", name="Claim this item").click()
    page.get_by_label(action_label, exact=True).check()
    page.get_by_label("Guideline").select_option(guideline)
    page.get_by_label("Why (the author reads this").fill(reason)
    if new_text:
        page.get_by_text("Edit the text").click()
        page.get_by_label("Edited text").fill(new_text)
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_load_state()


def test_held_post_reported_reply_appeal_and_audit_in_the_browser(cast, new_page):
    moderator = new_page()
    sign_in(moderator, "First Mod")
    moderator.goto("/moderation/queue/held/")
    moderator.wait_for_selector(LIVE, timeout=10_000)
    assert moderator.locator("#queue-list").inner_text().strip().startswith("Nothing")

    # A new member's post with a phone number is held...
    newcomer = new_page()
    sign_in(newcomer, "New Sparrow")
    newcomer.goto("/spaces/night-feeds/new/")
    newcomer.get_by_label("Title").fill("Any other night owls")
    newcomer.get_by_label("Your words").fill(
        "Text me on 07700 900123 if you are up at 3"
    )
    newcomer.get_by_role("button", name="Post thread").click()
    newcomer.wait_for_load_state()

    # ...and appears live in the moderator's held queue, with the header count.
    moderator.locator("#queue-list").get_by_text("Any other night owls").wait_for()
    open_menu(moderator)
    assert moderator.locator(
        '.site-header [data-moderation-count="total"]'
    ).inner_text()
    moderator.get_by_role("link", name="Any other night owls").click()
    decide(
        moderator,
        "Edit and approve",
        "4",
        "No phone numbers, to keep you safe.",
        new_text="Anyone else up at 3 with the baby?",
    )
    assert "The author has been told" in moderator.content()

    # An urgent post raises a visible alert on the moderator's page, live.
    moderator.goto("/moderation/queue/held/")
    moderator.wait_for_selector(LIVE)
    assert moderator.locator("#moderation-alert").is_hidden()
    newcomer.goto("/spaces/night-feeds/new/")
    newcomer.get_by_label("Title").fill("Tonight")
    newcomer.get_by_label("Your words").fill("I am going to kill myself tonight")
    newcomer.get_by_role("button", name="Post thread").click()
    newcomer.wait_for_load_state()
    moderator.locator("#moderation-alert").wait_for(state="visible")
    assert "urgent item" in moderator.locator("#moderation-alert").inner_text()

    # Another member reports a reply; the moderator hides it.
    reporter = new_page()
    sign_in(reporter, "Kind Plover")
    reporter.goto(f"/moderation/report/reply/{cast['reply'].pk}/")
    reporter.get_by_label("2. No judging choices").check()
    reporter.get_by_label("Anything the moderators should know").fill("Judging feeding")
    reporter.get_by_role("button", name="Send report").click()
    reporter.wait_for_load_state()

    moderator.goto("/moderation/queue/reports/")
    moderator.get_by_role("link", name="Bottle or breast").click()
    assert "Judging feeding" in moderator.content()
    decide(moderator, "Hide", "2", "That judges other parents' feeding.")

    # The author is told, kindly, and appeals.
    writer = new_page()
    sign_in(writer, "Sharp Robin")
    writer.get_by_role("link", name="Read it").click()
    assert "guideline 2" in writer.content()
    writer.get_by_role("link", name="Ask another moderator to look again").click()
    writer.get_by_label("Why should another moderator look again").fill(
        "I was teasing my own choice, not anyone else's."
    )
    writer.get_by_role("button", name="Send").click()
    writer.wait_for_load_state()

    # The first moderator may not decide the appeal; a second one restores the reply.
    moderator.goto("/moderation/queue/appeals/")
    moderator.get_by_role("link", name="Bottle or breast").click()
    assert "your own decision" in moderator.content()
    second = new_page()
    sign_in(second, "Second Mod")
    second.goto("/moderation/queue/appeals/")
    second.get_by_role("link", name="Bottle or breast").click()
    decide(second, "Approve", "2", "Read again: it was about her own choice.")
    in_thread(cast["reply"].refresh_from_db)
    assert cast["reply"].status == "visible"

    # The reporter and the author are told, without names: the decision the report
    # led to was changed on appeal.
    reporter.goto("/moderation/my-reports/")
    assert "can stay up" in reporter.content()
    reporter.goto("/moderation/messages/")
    assert "looked at again by another moderator" in reporter.content()
    assert "Kind Plover" not in reporter.content()
    writer.goto("/moderation/messages/")
    assert "changed the earlier decision" in writer.content()
    assert "First Mod" not in writer.content() and "Kind Plover" not in writer.content()

    # The audit log shows all of it.
    operator = new_page()
    sign_in(operator, "Op Badger")
    operator.goto("/moderation/audit/")
    log = operator.locator(".audit-table").inner_text()
    for kind in (
        "Item queued",
        "Item claimed",
        "Content edited",
        "Report received",
        "Decision",
        "Appeal opened",
        "Appeal decided",
    ):
        assert kind in log, kind
    assert re.search(r"Second Mod\s+Appeal decided", log)


@pytest.fixture
def urgent_item(transactional_db, make_member):
    return in_thread(_urgent_item, make_member)


def _urgent_item(make_member):
    from moderation.models import ReviewItem
    from moderation.services import Screening, record_screening, report_create

    author = make_member("Tired Finch")
    record_screening(
        target=author,
        author=author,
        screening=Screening(
            level="urgent", categories=("suicidal_thoughts",), flag=True
        ),
    )
    item = ReviewItem.objects.get(object_id=str(author.pk))
    item.snapshot = {
        **item.snapshot,
        "text": "I don't think I can keep going. Everyone would be better off.",
    }
    item.save()
    report_create(
        reporter=make_member(),
        target=make_member("Loud Jay"),
        guideline=1,
        words="Unkind words in a reply",
    )
    # One decided item, so the dashboard has times to draw.
    from moderation.services import item_decide

    report_create(reporter=make_member(), target=make_member("Past Jay"), guideline=1)
    decided = ReviewItem.objects.get(snapshot__title="Past Jay")
    item_decide(
        item_id=decided.pk,
        moderator=make_member("Past Mod", roles=["moderator"]),
        action="approve",
        guideline=1,
        reason="Fine",
        version=decided.version,
    )
    return item


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_queue_item_and_dashboard_read_well_and_pass_axe(
    urgent_item, make_member, new_page, theme
):
    in_thread(
        browser_member, make_member, "Calm Moderator", roles=["moderator"], theme=theme
    )
    for width in (390, 320):
        page = new_page(width=width)
        sign_in(page, "Calm Moderator")
        page.goto("/moderation/queue/safety/")
        page.wait_for_selector(LIVE)
        assert page.locator(".blur-target").count() >= 1
        blur = page.locator(".blur-target").first.evaluate(
            "el => getComputedStyle(el).filter"
        )
        assert blur.startswith("blur")
        assert axe_violations(page) == []
        screenshot(page, f"moderation-queue-{theme}-{width}")
        page.locator(".reveal summary").first.click()
        assert (
            page.locator(".blur-target").first.evaluate(
                "el => getComputedStyle(el).filter"
            )
            == "none"
        )
        page.goto(f"/moderation/items/{urgent_item.pk}/")
        claim = page.get_by_role("button", name="Claim this item")
        if claim.count():
            claim.click()
        assert page.get_by_label("Approve and support").is_checked()
        assert axe_violations(page) == []
        screenshot(page, f"moderation-item-{theme}-{width}")
        page.goto("/moderation/dashboard/")
        assert axe_violations(page) == []
        screenshot(page, f"moderation-dashboard-{theme}-{width}")
