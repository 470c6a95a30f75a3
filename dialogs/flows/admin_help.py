"""/help for staff: the commands their roles allow, one line each. Customers keep theirs."""

from __future__ import annotations

from dialogs import registry, router
from dialogs.context import Context
from dialogs.registry import AGENT, STAFF, staff_command


@staff_command("/help", "/ayuda", roles=(STAFF, AGENT))
def staff_help(ctx: Context) -> None:
    held = router.roles(ctx)
    keys = dict.fromkeys(restricted.help for restricted in registry.STAFF_COMMANDS.values()
                         if restricted.help and restricted.allows(held))
    ctx.say("admin.help.title", lines="\n".join(ctx.t.t(key) for key in keys))
