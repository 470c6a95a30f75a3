"""One A4 layout for every Sheet: business header on each page, buyer, lines, totals, taxes,
conditions and page numbers. Text that people wrote (customers, the shop's config) passes
through `printable` before it is drawn."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.table import Table

from bot.documents.typeface import FAMILY, FONT_FILES, printable
from bot.documents.profile import BusinessProfile
from bot.documents.sheet import (Fact, Sheet, net_unit_price, tax_id_label, tax_rows,
                                 taxes_included)
from dialogs.i18n import Translator
from domain.documents import DocumentLine, LineKind

MARGIN = 15
HEADER_SPLIT = 112  # x where the title block starts, beside the business block
# SKU (fits codes of ~16 characters: CAF-GR-BRA-1000), description, quantity, unit price,
# discount, amount. Net prices already take the discount off: no discount column.
LINE_COLUMNS = (31, 53, 13, 28, 27, 28)
NET_LINE_COLUMNS = (31, 80, 13, 28, 28)
TOTALS_WIDTHS = (55, 35)
SHADE = (236, 239, 243)
RULE = (150, 150, 150)
BOLD = FontFace(emphasis="BOLD")
HEADINGS = FontFace(emphasis="BOLD", fill_color=SHADE)
ROW = 4.6  # line height (mm) of body text
# Longest text of each kind, so that no value can push a table row off the page.
SHORT, NAME, LONG, PARAGRAPH = 40, 120, 300, 1200


class SheetPdf(FPDF):
    def __init__(self, sheet: Sheet, profile: BusinessProfile, t: Translator) -> None:
        super().__init__(format="A4")
        self.sheet, self.profile, self.tr = sheet, profile, t
        for style, path in FONT_FILES.items():
            self.add_font(FAMILY, style, str(path))
        # Customer text could hold the page-count alias "{nb}": number_pages numbers pages at
        # the end instead. fpdf2 documents None as "no alias" but types the argument as str.
        self.alias_nb_pages(None)  # type: ignore[arg-type]
        self.set_margins(MARGIN, 12, MARGIN)
        self.set_auto_page_break(True, margin=18)
        self.set_creation_date(sheet.issued_at)
        self.set_title(printable(" ".join(filter(None, (sheet.title, sheet.number))), NAME))
        self.set_author(printable(profile.name, NAME))
        self.set_lang(t.language)
        self.set_draw_color(*RULE)

    def style(self, size: float, bold: bool = False) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)

    def text_block(self, width: float, text: str, limit: int = LONG, align: str = "L",
                   height: float = ROW) -> None:
        """A wrapped paragraph at the current x; the cursor ends below it, at the same x."""
        self.multi_cell(width, height, printable(text, limit), align=align,
                        new_x=XPos.LEFT, new_y=YPos.NEXT)

    def header(self) -> None:
        top = self.t_margin
        self._business_block(top)
        business_bottom = self.get_y()
        self._title_block(top)
        self.set_y(max(business_bottom, self.get_y()) + 2)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.ln(4)

    def _business_block(self, top: float) -> None:
        profile, width = self.profile, HEADER_SPLIT - MARGIN - 4
        self.set_xy(MARGIN, top)
        self.style(13, bold=True)
        self.text_block(width, profile.name, NAME, height=6)
        self.style(8)
        tax_id = f"{tax_id_label(profile, self.tr)}: {profile.tax_id} · {profile.tax_condition}"
        contact = self.tr.t("documents.contact", email=profile.email, phone=profile.phone)
        for text in (profile.legal_name, profile.address, tax_id, contact):
            self.text_block(width, text, height=4)

    def _title_block(self, top: float) -> None:
        sheet, width = self.sheet, self.w - MARGIN - HEADER_SPLIT
        self.set_xy(HEADER_SPLIT, top)
        self.style(13, bold=True)
        self.text_block(width, sheet.title, NAME, align="R", height=6)
        self.style(8)
        if sheet.subtitle:
            self.text_block(width, sheet.subtitle, NAME, align="R", height=4)
        if sheet.number:
            self.style(10, bold=True)
            self.text_block(width, sheet.number, NAME, align="R", height=5)
        self.style(8)
        for fact in sheet.facts:
            self.text_block(width, f"{fact.label}: {fact.value}", NAME, align="R", height=4)

    def section_title(self, text: str, needed: float = 0) -> None:
        """A heading kept on the same page as the first `needed` mm of what follows."""
        if self.will_page_break(7 + needed):
            self.add_page()
        self.set_x(MARGIN)
        self.style(9, bold=True)
        self.cell(0, 6, printable(text, NAME), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def facts(self, facts: Sequence[Fact], label_width: float = 38) -> None:
        """Labelled values in two columns; a borderless table keeps each label beside its
        value however many lines either takes."""
        if not facts:
            return
        self.style(8)
        with self.table(col_widths=(label_width, self.epw - label_width), line_height=ROW,
                        first_row_as_headings=False, borders_layout=TableBordersLayout.NONE,
                        text_align=("LEFT", "LEFT"), v_align="TOP", padding=(0.3, 0)) as table:
            for fact in facts:
                row = table.row()
                row.cell(printable(fact.label, SHORT), style=BOLD)
                row.cell(printable(fact.value, PARAGRAPH))

    def ruled_table(self, **layout: Any) -> AbstractContextManager[Table]:
        """Rules between rows and a shaded heading row, repeated on every page."""
        return self.table(borders_layout=TableBordersLayout.HORIZONTAL_LINES,
                          headings_style=HEADINGS, line_height=ROW, padding=(1, 1.2), **layout)

    def buyer(self) -> None:
        buyer, t = self.sheet.buyer, self.tr.t
        self.section_title(t("documents.buyer"), needed=ROW)
        rows = [(t("documents.name"), buyer.name, NAME),
                (tax_id_label(self.profile, self.tr), buyer.tax_id, SHORT),
                (t("documents.address"), buyer.address, LONG),
                (t("documents.tax_condition"), buyer.tax_condition, NAME)]
        self.facts([Fact(label, printable(value, limit)) for label, value, limit in rows
                    if value])
        self.ln(1)
        self.facts(self.sheet.remarks)
        self.ln(2)

    def lines_table(self) -> None:
        net = self.sheet.net_prices
        keys = ["sku", "description", "quantity", "unit_price", "discount", "amount"]
        if net:
            keys.remove("discount")
        headings = [self.tr.t(f"documents.{key}") for key in keys]
        self.style(8)
        with self.ruled_table(col_widths=NET_LINE_COLUMNS if net else LINE_COLUMNS,
                              text_align=("LEFT", "LEFT") + ("RIGHT",) * (len(keys) - 2)
                              ) as table:
            table.row([printable(text, SHORT) for text in headings])
            for line in self.sheet.lines:
                table.row(self._line_cells(line))
        self.ln(3)

    def _line_cells(self, line: DocumentLine) -> list[str]:
        tr = self.tr
        shipping = line.kind is LineKind.SHIPPING
        name = tr.t("documents.shipping") if shipping else line.name
        cells = [printable("" if shipping else line.sku, SHORT), printable(name, LONG),
                 tr.number(line.quantity)]
        if self.sheet.net_prices:
            return cells + [tr.money(net_unit_price(line)), tr.money(line.net)]
        discount = "" if line.discount.is_zero() else tr.money(-line.discount)
        return cells + [tr.money(line.unit_price), discount, tr.money(line.list_amount)]

    def totals(self) -> None:
        rows = self._total_rows()
        if self.will_page_break(ROW * (len(rows) + 2)):
            self.add_page()
        for label, value in rows:
            self._total_row(label, value)
        self.set_draw_color(0, 0, 0)
        self.line(self.w - MARGIN - sum(TOTALS_WIDTHS), self.get_y() + 0.5,
                  self.w - MARGIN, self.get_y() + 0.5)
        self.set_draw_color(*RULE)
        self.ln(1.5)
        self._total_row(self.tr.t("documents.total"), self.tr.money(self.sheet.totals.total),
                        bold=True)
        self.ln(3)

    def _total_rows(self) -> list[tuple[str, str]]:
        totals, t, money = self.sheet.totals, self.tr.t, self.tr.money
        if self.sheet.net_prices:
            rows = [(t("documents.net_subtotal"), money(totals.net))]
        else:
            rows = [(t("documents.subtotal"), money(totals.subtotal))]
            if not totals.discount.is_zero():
                rows.append((t("documents.discounts"), money(-totals.discount)))
            if not totals.shipping.is_zero():
                rows.append((t("documents.shipping"), money(totals.shipping)))
        if not taxes_included(self.sheet):
            rows += [(row.label, money(row.tax)) for row in tax_rows(self.sheet, self.profile,
                                                                     self.tr)]
        return rows

    def _total_row(self, label: str, value: str, bold: bool = False) -> None:
        label_width, value_width = TOTALS_WIDTHS
        self.set_x(self.w - MARGIN - label_width - value_width)
        self.style(10 if bold else 8.5, bold)
        height = 6 if bold else ROW + 0.4
        self.cell(label_width, height, printable(label, SHORT), align="R")
        self.cell(value_width, height, printable(value, SHORT), align="R",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def promotions(self) -> None:
        sheet, tr = self.sheet, self.tr
        if not (sheet.promotions or sheet.promo_code):
            return
        self.section_title(tr.t("documents.promotions"), needed=ROW)
        self.style(8)
        for promotion in sheet.promotions:
            self.set_x(MARGIN)
            self.text_block(self.epw, f"{promotion.label}: {tr.money(-promotion.amount)}")
        if sheet.promo_code:
            self.set_x(MARGIN)
            self.text_block(self.epw, tr.t("documents.promo_code", code=sheet.promo_code))
        self.ln(2)

    def tax_breakdown(self) -> None:
        t, money = self.tr.t, self.tr.money
        rows = tax_rows(self.sheet, self.profile, self.tr)
        self.section_title(t("documents.tax_breakdown"), needed=ROW * (len(rows) + 1))
        self.style(8)
        with self.ruled_table(col_widths=(40, 35, 35), width=110, align="LEFT",
                              text_align=("LEFT", "RIGHT", "RIGHT")) as table:
            table.row([t("documents.rate"), t("documents.tax_base"), t("documents.tax")])
            for row in rows:
                table.row([printable(row.label, SHORT), money(row.base), money(row.tax)])
        if taxes_included(self.sheet):
            self.style(7.5)
            self.cell(0, ROW + 1, t("documents.taxes_included"),
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def conditions(self) -> None:
        if not self.sheet.conditions:
            return
        self.section_title(self.tr.t("documents.conditions"), needed=ROW)
        self.facts(self.sheet.conditions)

    def number_pages(self) -> None:
        """Written once every page exists, so "page x of y" needs no alias in the text."""
        self.set_auto_page_break(False)
        pages = self.pages_count
        for page in range(1, pages + 1):
            self.page = page
            self.set_xy(MARGIN, self.h - 12)
            self.style(7)
            self.cell(self.epw / 2, 4, printable(self.sheet.footnote or "", LONG))
            self.cell(self.epw / 2, 4, self.tr.t("documents.page", page=page, pages=pages),
                      align="R")


def render(sheet: Sheet, profile: BusinessProfile, t: Translator) -> bytes:
    pdf = SheetPdf(sheet, profile, t)
    pdf.add_page()
    pdf.buyer()
    pdf.lines_table()
    pdf.totals()
    pdf.promotions()
    pdf.tax_breakdown()
    pdf.conditions()
    pdf.number_pages()
    return bytes(pdf.output())
