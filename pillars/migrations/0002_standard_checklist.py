"""Seed the four pillars and their standard checklist items (Dutch and English).

The content is frozen here as it was written; change it later with a new migration.
"""

from django.db import migrations

PILLARS = [{'key': 'bespreken',
  'order': 1,
  'aim': 'De organisatie is zich bewust van mantelzorg en het onderwerp is bespreekbaar.',
  'aim_en': 'The organisation is aware of caregiving and the subject can be discussed.',
  'guidance': 'Begin met zichtbaar maken hoe het thema leeft. Een eerste meting onder alle '
              'medewerkers, ook wie (nog) geen mantelzorger is, helpt daarbij en zet mensen aan '
              'het denken. Veel mantelzorgers herkennen zichzelf niet als mantelzorger: leg uit '
              'wat mantelzorg is en laat de leiding laten zien dat het gesprek erover welkom is.',
  'guidance_en': 'Start by showing how the theme lives. A first survey among all employees, '
                 'including those who are not (yet) carers, helps and makes people think. Many '
                 'carers do not see themselves as carers: explain what caregiving is, and let '
                 'management show that the conversation is welcome.'},
 {'key': 'beschrijven',
  'order': 2,
  'aim': 'Iedereen weet welke regelingen en mogelijkheden er zijn om werk en mantelzorg te '
         'combineren.',
  'aim_en': 'Everyone knows which regulations and options exist for combining work and '
            'caregiving.',
  'guidance': 'Leg de visie van de organisatie vast en beschrijf de wettelijke en eigen '
              'regelingen (verlof, flexibel werken, maatwerk) op een plek waar medewerkers en '
              "leidinggevenden ze vinden. Controleer de beschrijving elk jaar: cao's en wetten "
              'veranderen.',
  'guidance_en': "Write down the organisation's vision and describe the statutory and own "
                 'regulations (leave, flexible working, tailored agreements) where employees and '
                 'managers find them. Check the description every year: collective agreements '
                 'and laws change.'},
 {'key': 'bekwamen',
  'order': 3,
  'aim': 'Leidinggevenden en medewerkers kunnen samen het gesprek over mantelzorg voeren.',
  'aim_en': 'Managers and employees are equipped to talk about caregiving together.',
  'guidance': 'Het gesprek tussen medewerker en leidinggevende is de kern: daar worden '
              'oplossingen gevonden. Zorg dat leidinggevenden weten hoe ze het gesprek beginnen, '
              'welke regelingen er zijn en waar ze naar kunnen verwijzen.',
  'guidance_en': 'The conversation between employee and manager is the heart of it: that is '
                 'where solutions are found. Make sure managers know how to start it, which '
                 'regulations exist and where they can refer people.'},
 {'key': 'borgen',
  'order': 4,
  'aim': 'Mantelzorg krijgt blijvend aandacht in de organisatie.',
  'aim_en': 'Caregiving keeps getting attention in the organisation.',
  'guidance': 'Extra aandacht in één periode is mooi, maar mantelzorg vraagt om terugkerende '
              'aandacht: iedereen kan van de ene op de andere dag mantelzorger worden, en '
              'leidinggevenden wisselen. Veranker het thema in de gesprekscyclus, in de '
              "introductie van nieuwe collega's en in een vast jaarlijks moment.",
  'guidance_en': 'Extra attention for a while is good, but caregiving needs recurring attention: '
                 'anyone can become a carer overnight, and managers change jobs. Anchor the '
                 'theme in the review cycle, in the introduction of new colleagues and in a '
                 'fixed yearly moment.'}]

ITEMS = [{'pillar': 'bespreken',
  'order': 10,
  'text': 'Medewerkers kennen de mogelijkheden om werk en mantelzorg te combineren.',
  'text_en': 'Employees know the options for combining work and caregiving.',
  'guidance': 'Bijvoorbeeld via intranet, nieuwsbrief, posters op alle locaties of een '
              'bijeenkomst. Bewijs: een link naar de pagina of een foto van de campagne.',
  'guidance_en': 'For example through the intranet, a newsletter, posters at every location or a '
                 'meeting. Evidence: a link to the page or a photo of the campaign.'},
 {'pillar': 'bespreken',
  'order': 20,
  'text': "Leidinggevenden en collega's praten met elkaar over mantelzorg.",
  'text_en': 'Managers and colleagues talk with each other about caregiving.',
  'guidance': 'Het thema staat op de agenda van team- en MT-overleggen; medewerkers weten dat ze '
              'het mogen aankaarten.',
  'guidance_en': 'The theme is on the agenda of team and management meetings; employees know '
                 'they may raise it.'},
 {'pillar': 'bespreken',
  'order': 30,
  'text': 'De organisatie weet hoeveel medewerkers werk en mantelzorg combineren.',
  'text_en': 'The organisation knows how many employees combine work and caregiving.',
  'guidance': 'Alleen als geheel en anoniem, via de monitor: nooit per persoon. De Autoriteit '
              'Persoonsgegevens staat niet toe dat een werkgever gezondheidsgegevens van '
              'medewerkers verzamelt.',
  'guidance_en': 'Only as a whole and anonymously, through the monitor: never per person. The '
                 'Dutch data protection authority does not allow an employer to collect '
                 "employees' health data."},
 {'pillar': 'bespreken',
  'order': 40,
  'text': 'De top van de organisatie geeft het goede voorbeeld.',
  'text_en': 'Top management sets the example.',
  'guidance': 'Bijvoorbeeld een directielid of wethouder die het thema opent, of een bestuurder '
              'die vertelt over eigen zorgtaken.',
  'guidance_en': 'For example a director or alderman who opens the theme, or an executive who '
                 'speaks about their own caring tasks.'},
 {'pillar': 'bespreken',
  'order': 50,
  'text': 'Er is een eerste meting (monitor) onder alle medewerkers gehouden.',
  'text_en': 'A first survey (monitor) has been held among all employees.',
  'guidance': 'De meting brengt in beeld hoe het thema leeft en draagt tegelijk bij aan '
              'bewustwording. Iedereen doet mee, ook wie geen mantelzorger is.',
  'guidance_en': 'The survey shows how the theme lives and raises awareness at the same time. '
                 'Everyone takes part, carers or not.'},
 {'pillar': 'beschrijven',
  'order': 10,
  'text': 'Het management heeft een visie op werk en mantelzorg vastgelegd.',
  'text_en': 'Management has set down a vision on work and caregiving.',
  'guidance': 'Een paar zinnen volstaan: waarom de organisatie mantelzorgvriendelijk wil zijn en '
              'wat medewerkers mogen verwachten. Het doel op de organisatiepagina kan hier '
              'dienen.',
  'guidance_en': 'A few sentences will do: why the organisation wants to be caregiver-friendly '
                 'and what employees may expect. The goal on the organisation page can serve.'},
 {'pillar': 'beschrijven',
  'order': 20,
  'text': 'De wettelijke en eigen regelingen staan beschreven in het HR-beleid.',
  'text_en': 'The statutory and own regulations are described in the HR policy.',
  'guidance': 'Kortdurend en langdurend zorgverlof, calamiteitenverlof, flexibel werken, '
              'thuiswerken en maatwerk. Houd ze bij onder Regelingen, met de datum van de '
              'laatste controle.',
  'guidance_en': 'Short-term and long-term care leave, emergency leave, flexible working, '
                 'working from home and tailored agreements. Keep them under Regulations, with '
                 'the date they were last checked.'},
 {'pillar': 'beschrijven',
  'order': 30,
  'text': 'De regelingen zijn bekendgemaakt aan medewerkers en leidinggevenden.',
  'text_en': 'The regulations have been made known to employees and managers.',
  'guidance': 'Beschrijven alleen is niet genoeg: vertel waar de regelingen staan en hoe je ze '
              'aanvraagt.',
  'guidance_en': 'Describing alone is not enough: tell people where the regulations are and how '
                 'to apply for them.'},
 {'pillar': 'beschrijven',
  'order': 40,
  'text': 'Er zijn afspraken met de arbodienst en de preventiemedewerker over mantelzorg.',
  'text_en': 'There are agreements with the occupational health service and the prevention '
             'officer about caregiving.',
  'guidance': 'Zodat signalen van overbelasting door mantelzorg herkend en besproken worden.',
  'guidance_en': 'So that signs of overload from caregiving are recognised and discussed.'},
 {'pillar': 'bekwamen',
  'order': 10,
  'text': 'Leidinggevenden zijn getraind in het gesprek met een medewerker die mantelzorgt.',
  'text_en': 'Managers are trained for the conversation with an employee who is a carer.',
  'guidance': 'Afgeleid: voor Bekwamen bestaat geen officiële checklist; dit punt volgt uit het '
              'doel van de pijler. Bijvoorbeeld een training, e-learning of intervisie.',
  'guidance_en': 'Derived: there is no official checklist for Bekwamen; this item follows from '
                 "the pillar's aim. For example a training, e-learning or peer consultation."},
 {'pillar': 'bekwamen',
  'order': 20,
  'text': 'Leidinggevenden kennen de regelingen en de ondersteuning in de gemeente.',
  'text_en': 'Managers know the regulations and the support in the municipality.',
  'guidance': 'Afgeleid: voor Bekwamen bestaat geen officiële checklist; dit punt volgt uit het '
              'doel van de pijler. Zodat ze kunnen verwijzen, bijvoorbeeld naar het steunpunt '
              'mantelzorg.',
  'guidance_en': 'Derived: there is no official checklist for Bekwamen; this item follows from '
                 "the pillar's aim. So that they can refer people, for example to the local "
                 "carers' support centre."},
 {'pillar': 'bekwamen',
  'order': 30,
  'text': 'Maatwerkafspraken worden vastgelegd en geëvalueerd.',
  'text_en': 'Tailored agreements are recorded and evaluated.',
  'guidance': 'Afgeleid: voor Bekwamen bestaat geen officiële checklist; dit punt volgt uit het '
              'doel van de pijler. Afspraken blijven gelden als een leidinggevende vertrekt, en '
              'worden bijgesteld als de zorg verandert.',
  'guidance_en': 'Derived: there is no official checklist for Bekwamen; this item follows from '
                 "the pillar's aim. Agreements survive a change of manager and are adjusted when "
                 'the care changes.'},
 {'pillar': 'bekwamen',
  'order': 40,
  'text': 'Er is een contactpersoon bij HR voor medewerkers en leidinggevenden.',
  'text_en': 'There is a contact person in HR for employees and managers.',
  'guidance': 'Afgeleid: voor Bekwamen bestaat geen officiële checklist; dit punt volgt uit het '
              'doel van de pijler. Leg de contactpersonen vast onder Contactpersonen.',
  'guidance_en': 'Derived: there is no official checklist for Bekwamen; this item follows from '
                 "the pillar's aim. Record them under Contact persons."},
 {'pillar': 'borgen',
  'order': 10,
  'text': 'Werk en mantelzorg staat vast op de agenda van formele gesprekken, zoals '
          'functioneringsgesprekken.',
  'text_en': 'Work and caregiving is a fixed topic in formal conversations, such as annual '
             'reviews.',
  'guidance': 'Een jaarlijks moment: vraag in de gesprekscyclus of de medewerker voor een naaste '
              'zorgt en hoe de balans is. Na afronding schuift de datum een jaar op.',
  'guidance_en': 'A yearly moment: ask in the review cycle whether the employee cares for '
                 'someone and how the balance is. Once completed, the date moves a year on.',
  'recurs_yearly': True},
 {'pillar': 'borgen',
  'order': 20,
  'text': 'De regelingen en mogelijkheden staan beschreven op intranet of in het '
          'personeelshandboek.',
  'text_en': 'The regulations and options are described on the intranet or in the staff '
             'handbook.',
  'guidance': 'Een eigen hoofdstuk over mantelzorg, makkelijk vindbaar voor medewerkers en '
              "leidinggevenden: van 'wat is mantelzorg?' tot voorbeelden van maatwerk.",
  'guidance_en': 'A chapter of its own on caregiving, easy to find for employees and managers: '
                 "from 'what is caregiving?' to examples of tailored solutions."},
 {'pillar': 'borgen',
  'order': 30,
  'text': 'Nieuwe medewerkers horen bij hun introductie over het mantelzorgbeleid.',
  'text_en': 'New employees hear about the caregiving policy in their introduction.',
  'guidance': 'Neem het thema op in het introductieprogramma voor nieuwe medewerkers en '
              'leidinggevenden.',
  'guidance_en': 'Include the theme in the introduction programme for new employees and '
                 'managers.'},
 {'pillar': 'borgen',
  'order': 40,
  'text': 'Er is elk jaar speciale aandacht voor mantelzorg, bijvoorbeeld op de Dag van de '
          'Mantelzorg (10 november).',
  'text_en': 'There is special attention for caregiving every year, for example on the national '
             'Day of the Carer (10 November).',
  'guidance': 'Een klein gebaar wordt vaak groot gewaardeerd. Na afronding schuift de datum naar '
              '10 november van het volgende jaar.',
  'guidance_en': 'A small gesture is often greatly appreciated. Once completed, the date moves '
                 'to 10 November of the next year.',
  'recurs_yearly': True,
  'recurrence_month': 11,
  'recurrence_day': 10}]


def seed(apps, schema_editor):
    Pillar = apps.get_model("pillars", "Pillar")
    ChecklistItem = apps.get_model("pillars", "ChecklistItem")
    pillars = {}
    for fields in PILLARS:
        pillar, _ = Pillar.objects.update_or_create(key=fields["key"], defaults=fields)
        pillars[pillar.key] = pillar
    for fields in ITEMS:
        fields = dict(fields)
        pillar = pillars[fields.pop("pillar")]
        ChecklistItem.objects.update_or_create(
            pillar=pillar, organisation=None, order=fields.pop("order"), defaults=fields
        )


def unseed(apps, schema_editor):
    apps.get_model("pillars", "ChecklistItem").objects.filter(organisation=None).delete()
    apps.get_model("pillars", "Pillar").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("pillars", "0001_pillars_and_progress")]

    operations = [migrations.RunPython(seed, unseed)]
