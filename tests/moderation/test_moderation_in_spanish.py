"""The moderation pages, the member's notices and the wording filters read in
Spanish when Spanish is the language, with no English words left in what the
reader sees; in English they read as they always did."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from moderation.models import AuditEntry, Decision, ReviewItem, Sanction
from moderation.services import (
    audit_append,
    item_claim,
    item_decide,
    report_create,
    sanction_issue,
)
from moderation.services.sanctions import sanction_appeal
from moderation.templatetags.moderation_tags import (
    audit_change,
    minutes,
    reason_words,
    words,
)
from tests import spanish_pages
from tests.spanish_pages import english_words

pytestmark = pytest.mark.django_db
SPANISH_MONTHS = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre "
    "noviembre diciembre"
).split()
in_spanish = spanish_pages.in_spanish


@pytest.fixture
def reported(make_member, other_member):
    """A member other_member reported, in Spanish words: an open item."""
    target = make_member("Jay Ruidoso")
    report_create(
        reporter=other_member, target=target, guideline=1, words="muy poco amable"
    )
    return target


@pytest.fixture
def item(reported):
    return ReviewItem.objects.get(object_id=str(reported.pk), kind="member")


def _page(client, url, headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _spanish(html: str, phrase: str, **kw) -> None:
    assert phrase in html
    assert english_words(html, **kw) == []


def test_the_queue_and_an_item_read_in_spanish(client, moderator, item, in_spanish):
    client.force_login(moderator)
    html = _page(client, reverse("moderation:queue"), in_spanish)
    _spanish(html, "Cola de moderación")
    assert "1 reporte" in html and "Nadie lo tomó todavía" in html
    item_claim(item_id=item.pk, moderator=moderator)
    html = _page(client, reverse("moderation:item", args=[item.pk]), in_spanish)
    _spanish(html, "Por qué está aquí")
    assert "Guardar la decisión" in html and "Norma 1" in html


def test_the_member_page_reads_in_spanish(client, moderator, reported, in_spanish):
    sanction_issue(
        member=reported,
        moderator=moderator,
        kind="mute",
        guideline=1,
        message="Un poco más de cuidado, por favor.",
        ends_at=timezone.now() + timedelta(days=2),
    )
    client.force_login(moderator)
    html = _page(client, reverse("moderation:member", args=[reported.pk]), in_spanish)
    _spanish(html, "Advertir, pausar, suspender o expulsar")
    assert "Por qué levantar la sanción (pausa)" in html


def test_a_decision_notice_and_its_appeal_read_in_spanish(
    client, moderator, item, reported, in_spanish
):
    item_claim(item_id=item.pk, moderator=moderator)
    item_decide(
        item_id=item.pk,
        moderator=moderator,
        action="hide",
        guideline=1,
        reason="Intenta ser más amable.",
        version=ReviewItem.objects.get(pk=item.pk).version,
    )
    client.force_login(reported)
    html = _page(client, reverse("moderation:notices"), in_spanish)
    _spanish(html, "El equipo de moderación ocultó algo que escribiste, por la norma 1")
    assert "Intenta ser más amable." in html
    decision = Decision.objects.get()
    html = _page(client, reverse("moderation:appeal", args=[decision.pk]), in_spanish)
    _spanish(html, "Pedir otra revisión")


def test_my_reports_read_in_spanish(client, other_member, reported, in_spanish):
    client.force_login(other_member)
    html = _page(client, reverse("moderation:my_reports"), in_spanish)
    _spanish(html, "El equipo de moderación lo revisará pronto.")


def test_the_suspended_page_reads_in_spanish_with_spanish_dates(
    client, member, moderator, in_spanish
):
    ends = timezone.now() + timedelta(days=3)
    sanction_issue(
        member=member,
        moderator=moderator,
        kind="suspension",
        guideline=1,
        message="Necesitamos una pausa.",
        ends_at=ends,
    )
    sanction_appeal(
        member=member,
        sanction_id=Sanction.objects.get().pk,
        words="Fue un malentendido.",
    )
    client.force_login(member)
    html = _page(client, reverse("moderation:suspended"), in_spanish)
    month = SPANISH_MONTHS[timezone.localtime(ends).month - 1]
    _spanish(
        html,
        f"Tu cuenta está suspendida hasta el {timezone.localtime(ends).day} de {month}",
    )
    assert "Pediste otra revisión" in html


def test_the_mute_banner_and_its_notice_say_the_date_in_spanish(
    client, member, moderator, in_spanish
):
    ends = timezone.now() + timedelta(days=2)
    sanction_issue(
        member=member,
        moderator=moderator,
        kind="mute",
        guideline=1,
        message="Un respiro, por favor.",
        ends_at=ends,
    )
    client.force_login(member)
    html = _page(client, reverse("forum:spaces"), in_spanish)
    banner = html[html.index('<section class="sanction-banner"') :]
    banner = banner[: banner.index("</section>") + len("</section>")]
    _spanish(banner, "Publicar está en pausa hasta el", main_only=False)
    notice = _page(client, reverse("moderation:notices"), in_spanish)
    _spanish(notice, "quedan en pausa hasta el")
    assert f" de {timezone.localtime(ends).year}" in notice


def test_transparency_reads_in_spanish(client, moderator, item, in_spanish):
    item_claim(item_id=item.pk, moderator=moderator)
    item_decide(
        item_id=item.pk,
        moderator=moderator,
        action="hide",
        guideline=1,
        reason="Intenta ser más amable.",
        version=ReviewItem.objects.get(pk=item.pk).version,
    )
    html = _page(client, reverse("moderation:transparency"), in_spanish)
    _spanish(html, "Solo cifras: ni publicaciones ni nombres.")
    assert "Ocultar" in html
    month = formats.date_format(timezone.localdate(), "F Y")
    assert month.split()[0] in SPANISH_MONTHS
    assert f">{month.capitalize()}</h2>" in html


def test_the_wording_filters_speak_spanish(moderator, in_spanish):
    assert minutes(5.9) == "6 min"
    assert minutes(95) == "1 h 35 min"
    assert minutes(3000) == "2 días"
    assert minutes(1440 * 2 - 1) == "47 h 59 min"
    assert (
        reason_words("premoderation")
        == "Primeras publicaciones de una integrante nueva"
    )
    assert reason_words("space_approval") == "Aprobación del espacio"
    assert words("harm_to_baby") == "daño al bebé"
    assert words("an_unknown_code") == "an unknown code"
    entry = audit_append(
        actor=moderator,
        kind=AuditEntry.Kind.SANCTION_LIFTED,
        target_type="member",
        target_id=4,
        before={"sanction": 12, "trust": 1},
        after={"lifted": True, "trust": 2, "categories": ["self_harm"]},
    )
    assert audit_change(entry) == (
        "sanción era 12; confianza: 1 → 2; levantada: sí; categorías: autolesión"
    )


def test_in_english_the_same_pages_keep_their_english(client, moderator, item):
    """The check above is not vacuous: without Spanish, English words are found."""
    client.force_login(moderator)
    with translation.override("en"):
        html = _page(client, reverse("moderation:queue"), {})
        assert "Moderation queue" in html and english_words(html)
        assert minutes(3000) == "2 days"
        assert words("harm_to_baby") == "harm to baby"


def test_a_message_is_worded_in_the_language_its_member_chose(in_spanish):
    """A member who chose a language reads the moderators' words in it, whatever
    language the deciding moderator's page was in; otherwise the moment's."""
    from types import SimpleNamespace

    from moderation.services.notices import in_language_of, render_message

    with translation.override("en"):
        with in_language_of(SimpleNamespace(language="es")):
            spanish = render_message("hide", guideline=1, reason="Con cariño.")
        with in_language_of(SimpleNamespace(language="")):
            english = render_message("hide", guideline=1, reason="Kindly.")
        with in_language_of(SimpleNamespace(language="xx")):
            unknown = render_message("approve")
    assert spanish.startswith("El equipo de moderación ocultó algo que escribiste")
    assert "(Sé amable)" in spanish
    assert english.startswith("A moderator has hidden something you wrote")
    assert "(Be kind)" in english
    assert unknown.startswith("Thank you for waiting.")


def test_an_edited_template_is_sent_as_the_operator_wrote_it(in_spanish):
    from moderation.models import MessageTemplate
    from moderation.services.notices import render_message

    MessageTemplate.objects.update_or_create(
        key="approve", defaults={"description": "x", "body": "Ya está visible."}
    )
    assert render_message("approve") == "Ya está visible."
    MessageTemplate.objects.filter(key="approve").delete()
    assert render_message("approve").startswith("Gracias por esperar.")


def test_the_dashboard_audit_log_and_report_form_read_in_spanish(
    client, moderator, operator, member, item, in_spanish
):
    audit_append(
        actor=moderator,
        kind=AuditEntry.Kind.ITEM_QUEUED,
        target_type="review_item",
        target_id=9,
        after={"level": "high", "categories": ["self_harm"]},
    )
    client.force_login(moderator)
    html = _page(client, reverse("moderation:dashboard"), in_spanish)
    _spanish(html, "Elementos por categoría, últimos 30 días")
    client.force_login(operator)
    html = _page(client, reverse("moderation:audit"), in_spanish)
    _spanish(html, "nivel: alto; categorías: autolesión")
    client.force_login(member)
    html = _page(
        client,
        reverse("moderation:report", args=["member", item.object_id]),
        in_spanish,
    )
    _spanish(html, "Me preocupa esta persona.")
    assert "1. Sé amable" in html


def test_a_routine_hold_is_explained_in_the_moderators_language(
    client, moderator, member, approval_space, settings, in_spanish
):
    """The queue stores a hold's words in the writer's language; the item page
    explains it in the reader's."""
    from forum.services import thread_create

    settings.PREMODERATION_POSTS = 0
    with translation.override("en"):
        thread_create(
            author=member, space=approval_space, title="Noches", body="¿Alguien más?"
        )
    item = ReviewItem.objects.get(kind="thread")
    assert "need a moderator's approval" in item.reasons[0]["text"]
    client.force_login(moderator)
    html = _page(client, reverse("moderation:item", args=[item.pk]), in_spanish)
    _spanish(html, "Aprobación del espacio")
    assert "Los temas nuevos en este espacio necesitan la aprobación" in html
    assert words("self_harm, harm_to_baby") == "autolesión, daño al bebé"
