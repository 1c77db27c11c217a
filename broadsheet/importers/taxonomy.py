"""Authors, categories and tags: the part of an import that items refer to.

A mixin of WxrImporter (service.py), which provides the mapping, slug and redirect
helpers. Existing rows with the same slug are taken over rather than duplicated,
so an editor's "politik" and WordPress's "politik" become one category.
"""

from urllib.parse import unquote

from broadsheet.accounts.models import User
from broadsheet.publishing.models import Author, Category, Tag

from .content import initials, make_slug, plain_text, wp_nicename
from .models import ImportedObject, fingerprint_of
from .parser import WxrAuthor, WxrItem, WxrTerm

Kind = ImportedObject.Kind
PATH_LENGTH = Category._meta.get_field("path").max_length


class TaxonomyImport:
    # -- authors --------------------------------------------------------------------------

    def author(self, wxr: WxrAuthor) -> int | None:
        login = wxr.login
        if not login:
            self.report.skip("author", "no login name", f"author {wxr.wp_id or '?'}")
            return None
        if wxr.wp_id:
            self.author_logins[wxr.wp_id] = login
        self.author_emails[login] = wxr.email
        name = (wxr.display_name or f"{wxr.first_name} {wxr.last_name}".strip() or login)[:150]
        fingerprint = fingerprint_of(login, name, wxr.email)
        author, mapping = self._mapped(Kind.AUTHOR, login, Author)
        if author is not None and mapping.fingerprint == fingerprint:
            self.report.count("author", "unchanged")
        elif author is not None:
            author.name, author.initials = name, initials(name)[:10]
            author.save()
            self._remember(Kind.AUTHOR, login, author, fingerprint)
            self.report.count("author", "updated")
        else:
            slug = make_slug(name, 150) or make_slug(login, 150) or f"author-{wxr.wp_id}"
            author = Author.objects.filter(slug=slug).first()
            if author is None:
                author = Author.objects.create(
                    name=name,
                    slug=self._unique_slug(Author, slug, 150),
                    initials=initials(name)[:10],
                )
                self.report.count("author", "created")
            else:
                self.report.note("author matched an existing byline with the same slug", login)
                self.report.count("author", "unchanged")
            self._remember(Kind.AUTHOR, login, author, fingerprint)
        self.authors[login] = author.pk
        self.redirect_if_moved(f"/author/{wp_nicename(login)}/", author, keeps_suffix=True)
        if wxr.wp_id:
            self.redirect(f"/?author={wxr.wp_id}", author)
        return author.pk

    def _author_for(self, login: str) -> int | None:
        if not login:
            return None
        if login not in self.authors:  # WXR 1.0 names authors only in <dc:creator>
            self.author(WxrAuthor("", login, "", login, "", ""))
        return self.authors.get(login)

    def user_for(self, wp_user_id: str, where: str) -> int | None:
        """Our account for a registered WordPress commenter: the byline's, or same e-mail."""
        wp_user_id = wp_user_id.strip()
        if wp_user_id in ("", "0"):
            return None
        if wp_user_id not in self.users:
            login = self.author_logins.get(wp_user_id)
            user = None
            if login and login in self.authors:
                user = (
                    Author.objects.filter(pk=self.authors[login])
                    .values_list("user_id", flat=True)
                    .first()
                )
                email = self.author_emails.get(login, "")
                if user is None and email:
                    user = (
                        User.objects.filter(email__iexact=email)
                        .values_list("pk", flat=True)
                        .first()
                    )
            self.users[wp_user_id] = user
            if user is None:
                self.report.note(
                    "registered WordPress commenter without a Broadsheet account (kept as guest; "
                    "WordPress user id recorded)",
                    f"user {wp_user_id}",
                )
        return self.users[wp_user_id]

    # -- categories and tags -------------------------------------------------------------

    def term(self, wxr: WxrTerm) -> None:
        if wxr.taxonomy == "category":
            self.category(wxr)
        elif wxr.taxonomy == "post_tag":
            self.tag(wxr)
        else:
            self.report.skip("term", f"taxonomy {wxr.taxonomy or '?'} is not imported", wxr.slug)

    def category(self, wxr: WxrTerm) -> int:
        nicename = wxr.slug or wxr.name
        key = (wxr.term_id or f"slug:{nicename}")[:255]
        name = plain_text(wxr.name)[:100] or nicename[:100]
        fingerprint = fingerprint_of(nicename, name, wxr.parent_slug, wxr.description)
        category, mapping = self._mapped(Kind.CATEGORY, key, Category)
        slug = make_slug(nicename, 100) or make_slug(name, 100) or f"category-{wxr.term_id}"
        if category is not None and mapping.fingerprint == fingerprint:
            self.report.count("category", "unchanged")
        else:
            if category is None:
                category = Category.objects.filter(slug=slug).first()
                outcome = "unchanged" if category else "created"
                category = category or Category(slug=self._unique_slug(Category, slug, 100))
            else:
                outcome = "updated"
                if category.slug != slug:
                    category.slug = self._unique_slug(Category, slug, 100, current=category.slug)
            if outcome != "unchanged":
                category.name, category.description = name, wxr.description
                category.parent = None
                category.save()
            self._remember(Kind.CATEGORY, key, category, fingerprint)
            self.report.count("category", outcome)
            if wxr.parent_slug:
                self.pending_parents.append((category.pk, wxr.parent_slug))
        self.categories[nicename] = category.pk
        self.category_terms[nicename] = wxr
        self.unsettled.append(wxr)
        return category.pk

    def tag(self, wxr: WxrTerm) -> int:
        nicename = wxr.slug or wxr.name
        key = (wxr.term_id or f"slug:{nicename}")[:255]
        name = plain_text(wxr.name)[:100] or nicename[:100]
        fingerprint = fingerprint_of(nicename, name)
        tag, mapping = self._mapped(Kind.TAG, key, Tag)
        slug = make_slug(nicename, 100) or make_slug(name, 100) or f"tag-{wxr.term_id}"
        if tag is not None and mapping.fingerprint == fingerprint:
            self.report.count("tag", "unchanged")
        elif tag is not None:
            tag.name = name
            tag.save()
            self.report.count("tag", "updated")
        else:
            tag = Tag.objects.filter(slug=slug).first()
            self.report.count("tag", "unchanged" if tag else "created")
            tag = tag or Tag.objects.create(name=name, slug=self._unique_slug(Tag, slug, 100))
        if mapping is None or mapping.fingerprint != fingerprint or mapping.object_id != tag.pk:
            self._remember(Kind.TAG, key, tag, fingerprint)
        self.tags[nicename] = tag.pk
        self.redirect_if_moved(f"/tag/{unquote(nicename)}/", tag, keeps_suffix=True)
        self.redirect(f"/?tag={unquote(nicename)}", tag)
        return tag.pk

    def _settle_terms(self) -> None:
        """Parents may be listed after their children: link them once all are known."""
        for pk, parent_nicename in self.pending_parents:
            parent = self.categories.get(parent_nicename)
            category = Category.objects.get(pk=pk)
            if parent is None:
                self.report.note("category parent not in the export, kept top-level", category.slug)
            elif category.parent_id != parent and not self._is_ancestor(pk, parent):
                parent_path = Category.objects.values_list("path", flat=True).get(pk=parent)
                if len(parent_path) + len(category.slug) >= PATH_LENGTH:
                    self.report.note("category nested too deeply, kept top-level", category.slug)
                    continue
                category.parent_id = parent
                category.save()
        self.pending_parents.clear()
        for wxr in self.unsettled:
            nicename = wxr.slug or wxr.name
            chain, seen = [unquote(nicename)], {nicename}
            parent = self.category_terms.get(wxr.parent_slug)
            while parent is not None and parent.slug not in seen:
                seen.add(parent.slug)
                chain.insert(0, unquote(parent.slug))
                parent = self.category_terms.get(parent.parent_slug)
            category = Category.objects.get(pk=self.categories[nicename])
            self.redirect_if_moved(f"/category/{'/'.join(chain)}/", category, keeps_suffix=True)
            if wxr.term_id:
                self.redirect(f"/?cat={wxr.term_id}", category)
        self.unsettled.clear()

    @staticmethod
    def _is_ancestor(pk: int, candidate: int) -> bool:
        node = Category.objects.filter(pk=candidate).values_list("parent_id", flat=True).first()
        seen = {candidate}
        while node is not None and node not in seen:
            if node == pk:
                return True
            seen.add(node)
            node = Category.objects.filter(pk=node).values_list("parent_id", flat=True).first()
        return candidate == pk

    def _term_ids(self, item: WxrItem) -> tuple[list[int], list[int]]:
        has_domains = any(domain for domain, _slug, _name in item.terms)
        categories, tags = [], []
        for domain, nicename, name in item.terms:
            if domain == "category" or (not domain and not has_domains):
                key = nicename or make_slug(name, 100)
                if key not in self.categories:
                    self.category(WxrTerm("category", "", key, name, "", ""))
                categories.append(self.categories[key])
            elif domain in ("post_tag", "tag"):
                key = nicename or make_slug(name, 100)
                if key not in self.tags:
                    self.tag(WxrTerm("post_tag", "", key, name, "", ""))
                tags.append(self.tags[key])
        return sorted(set(categories)), sorted(set(tags))
