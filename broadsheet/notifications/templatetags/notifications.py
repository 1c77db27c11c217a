from django import template

from broadsheet.notifications.models import Subscription, normalise_email

register = template.Library()


@register.simple_tag
def subscription_for(article, user):
    """The logged-in reader's active subscription to this article's discussion, if any.

    One query, and only for logged-in readers: pages for guests stay cacheable.
    """
    if user is None or not getattr(user, "email", ""):
        return None
    return (
        Subscription.objects.confirmed()
        .filter(article=article, subscriber__email=normalise_email(user.email))
        .exclude(scope=Subscription.Scope.COMMENT)
        .order_by("scope")
        .first()
    )


@register.filter
def subscription_label(subscription) -> str:
    """What a subscription follows, in words, for lists of subscriptions."""
    return subscription.get_scope_display()
