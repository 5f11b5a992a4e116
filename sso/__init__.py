"""Single sign-on per organisation: its own OpenID Connect or SAML identity provider, the e-mail
domains it covers, and whether its members may still log in with a password
(docs/architecture.md, "Single sign-on")."""
