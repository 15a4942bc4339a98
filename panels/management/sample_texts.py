"""Plausible words for the demo and the sample archive: what organisations say about a
theme of the taxonomy, and the recommendations they end with.

Each topic belongs to one theme (by its English name, as the themes migration loads
it). A topic that makes sense only in some States (the death penalty where it is still
in law, enforced disappearances where they are documented, indigenous peoples' land)
says which. The words hold no figures, so that nothing reads like an invented statistic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Topic:
    theme: str  # the theme's English name
    subject: str  # as it reads inside a sentence: "violence against women"
    causes: tuple[str, ...]  # what an organisation working on it calls its cause
    situations: tuple[str, ...]  # paragraphs, with {country}
    recommendations: tuple[str, ...]
    materials: tuple[str, ...]  # titles of advocacy materials, with {country}
    countries: frozenset[str] = field(default_factory=frozenset)  # empty: every State

    def suits(self, country: str) -> bool:
        return not self.countries or country in self.countries


# Where the death penalty is still in law.
_DEATH_PENALTY_IN_LAW = frozenset({
    "AF", "BD", "BY", "CN", "CU", "GY", "JM", "JO", "KE", "KW", "LA", "LY", "MV", "MY", "NG",
    "SA", "VN", "YE",
})  # fmt: skip

# Where enforced disappearances are documented.
_DISAPPEARANCES_DOCUMENTED = frozenset({
    "AF", "AZ", "BD", "BF", "BY", "CM", "CN", "CO", "CU", "DZ", "EC", "HN", "ID", "KE", "LA",
    "LY", "MA", "MX", "NG", "PH", "RU", "SA", "TD", "TM", "UZ", "VN", "YE",
})  # fmt: skip

# Where indigenous peoples' rights to their land are at stake.
_INDIGENOUS_PEOPLES = frozenset({
    "BD", "BR", "BZ", "CA", "CF", "CG", "CL", "CM", "CO", "EC", "FI", "GY", "HN", "ID", "IN",
    "KE", "KH", "LA", "MX", "MY", "NZ", "PA", "PH", "RU", "SE", "VN", "ZA",
})  # fmt: skip

TOPICS: tuple[Topic, ...] = (
    Topic(
        theme="Women's rights",
        subject="violence against women",
        causes=("Women's Rights", "Gender Equality", "Women and Girls"),
        situations=(
            "Violence against women remains widespread in {country} and is rarely reported. "
            "Shelters exist only in the capital, and women who turn to the police are too "
            "often sent home to reconcile with their abuser.",
            "In {country}, the law still does not recognise marital rape, and protection "
            "orders are issued weeks after a complaint, when they are issued at all. Rural "
            "women have almost no access to legal aid.",
        ),
        recommendations=(
            "Adopt a comprehensive law on violence against women that criminalises marital "
            "rape, and open at least one shelter in every province by 2028.",
            "Establish specialised units on gender-based violence in the police and the "
            "prosecution service, with trained staff and a budget of their own, before "
            "the next review.",
            "Ensure that protection orders are issued within 48 hours of a complaint and "
            "that their breach is a criminal offence.",
            "Provide free legal aid to survivors of gender-based violence, including in "
            "rural areas, and publish yearly data on complaints, prosecutions and "
            "convictions.",
        ),
        materials=(
            "Factsheet: violence against women in {country}",
            "Survivors' testimonies collected since the last review",
        ),
    ),
    Topic(
        theme="Rights of the Child",
        subject="the rights of the child",
        causes=("Children's Rights", "Child Protection", "Children and Youth"),
        situations=(
            "Child marriage remains common in {country}, above all in rural areas, where "
            "marriages are celebrated by religious or customary authorities and never "
            "registered.",
            "Children in {country} can be held in police custody with adults, and the "
            "minimum age of criminal responsibility is among the lowest in the region. "
            "There are few alternatives to detention for children in conflict with the law.",
        ),
        recommendations=(
            "Set the minimum age of marriage at 18 for girls and boys without exception, "
            "and require the registration of every marriage, civil, religious or customary.",
            "Raise the minimum age of criminal responsibility to at least 14 and develop "
            "alternatives to detention for children, within two years.",
            "Ensure free birth registration for every child born in the country, including "
            "children of refugees and of stateless parents, by 2028.",
            "Prohibit corporal punishment in all settings, including the home and "
            "alternative care, and run a public awareness campaign on positive discipline.",
        ),
        materials=(
            "Children's voices: consultations held ahead of the review",
            "Factsheet: child marriage in {country}",
        ),
    ),
    Topic(
        theme="Right to education",
        subject="access to education",
        causes=("Education for All", "Inclusive Education", "Literacy"),
        situations=(
            "Primary education is free by law in {country}, but families still pay for "
            "uniforms, books and exam fees, and many children from poor households leave "
            "school before the end of the primary cycle.",
            "Girls who become pregnant in {country} are excluded from school, and few of "
            "them return. Schools in remote areas lack teachers, water and sanitation.",
        ),
        recommendations=(
            "Abolish the informal fees charged in public schools, and fund schools so that "
            "primary and lower-secondary education are free in practice, by 2028.",
            "Ensure by law that pregnant girls and young mothers may stay in school and "
            "return to it, and monitor its application in every district.",
            "Adopt a plan for inclusive education with targets for the enrolment of "
            "children with disabilities in mainstream schools, and report on it at the "
            "next review.",
            "Provide safe water and separate toilets in every public school before the "
            "next review.",
        ),
        materials=("Out of school: a survey of families in three districts",),
    ),
    Topic(
        theme="Right to health",
        subject="the right to health",
        causes=("Health Rights", "Public Health", "Health for All"),
        situations=(
            "Public clinics in rural {country} often lack essential medicines and staff, "
            "and patients pay out of their own pocket for treatment that should be free.",
            "Maternal deaths in {country} remain high in the regions furthest from the "
            "capital, where women must travel for hours to reach a hospital able to "
            "handle a complicated delivery.",
        ),
        recommendations=(
            "Increase public spending on primary health care, with yearly targets for rural "
            "districts, and publish the progress made.",
            "Ensure that essential medicines, including antiretroviral treatment, are "
            "available free of charge in every public clinic.",
            "Train and deploy midwives in every rural health centre, and equip a referral "
            "hospital for emergency obstetric care in each region, by 2029.",
            "Guarantee access to sexual and reproductive health services and information "
            "for adolescents, without the consent of a parent or spouse.",
        ),
        materials=("Factsheet: access to health care in rural {country}",),
    ),
    Topic(
        theme="Disabilities",
        subject="the rights of persons with disabilities",
        causes=("Disability Rights", "Persons with Disabilities", "Inclusion"),
        situations=(
            "Persons with disabilities in {country} can still be placed under full "
            "guardianship, which takes away their right to vote, to marry and to manage "
            "their own money.",
            "Public buildings, polling stations and public transport in {country} are "
            "largely inaccessible, and there are no official data on persons with "
            "disabilities to plan services.",
        ),
        recommendations=(
            "Replace guardianship with supported decision-making, in line with the "
            "Convention on the Rights of Persons with Disabilities, within two years.",
            "Make polling stations, public buildings and public transport accessible, "
            "following a public timetable, by 2029.",
            "Collect data disaggregated by disability in the next census and household "
            "surveys, using the Washington Group questions.",
            "Close residential institutions progressively and fund community-based "
            "services, with the participation of organisations of persons with "
            "disabilities.",
        ),
        materials=(
            "Accessibility audit of public buildings",
            "Easy-read version of our recommendations",
        ),
    ),
    Topic(
        theme="Freedom of opinion and expression",
        subject="freedom of expression",
        causes=("Free Expression", "Digital Rights", "Access to Information"),
        situations=(
            "Since the last review, {country} has adopted a cybercrime law whose vague "
            "offences of spreading false news and insulting public officials are used to "
            "prosecute people for what they post online.",
            "Internet shutdowns during protests and elections have become more frequent in "
            "{country}, and critical websites are blocked without a court order.",
        ),
        recommendations=(
            "Amend the cybercrime law to repeal the offences of false news and insult, so "
            "that it complies with article 19 of the International Covenant on Civil and "
            "Political Rights, before the next review.",
            "Decriminalise defamation and move it to the civil code, within two years.",
            "Refrain from shutting down or slowing the internet, and allow websites to be "
            "blocked only by an independent court, with a right of appeal.",
            "Adopt an access to information law with an independent oversight body.",
        ),
        materials=("Cases of online expression prosecuted since the last review",),
    ),
    Topic(
        theme="Freedom of the press",
        subject="the safety of journalists",
        causes=("Press Freedom", "Independent Media", "Journalists' Safety"),
        situations=(
            "Journalists in {country} who cover corruption or the security forces face "
            "threats, arbitrary arrest and smear campaigns, and attacks against them are "
            "rarely investigated.",
            "The media regulator in {country} is appointed by the Government and has "
            "suspended several independent outlets since the last review.",
        ),
        recommendations=(
            "Release all journalists detained for their work and drop the charges against them.",
            "Investigate every attack and threat against journalists promptly and "
            "independently, and make the findings public.",
            "Ensure the independence of the media regulator by changing how its members "
            "are appointed, with the participation of the profession, within two years.",
            "Establish a protection mechanism for journalists at risk, developed with "
            "media organisations and funded from the state budget.",
        ),
        materials=("Press freedom monitor: incidents recorded since the last review",),
    ),
    Topic(
        theme="Human rights defenders",
        subject="the protection of human rights defenders",
        causes=("Human Rights Defenders", "Civic Space", "Human Rights"),
        situations=(
            "Human rights defenders in {country}, above all those who defend land and the "
            "environment, are threatened, followed and sometimes attacked, and those "
            "responsible are seldom identified.",
            "Defenders in {country} are prosecuted under counter-terrorism and public order "
            "laws for their peaceful work, and some have been banned from travelling "
            "abroad, including to attend UN meetings.",
        ),
        recommendations=(
            "Adopt a law on the protection of human rights defenders, developed with civil "
            "society, and fund the protection mechanism it creates.",
            "Stop using counter-terrorism and public order laws against human rights "
            "defenders for their peaceful work, and drop the pending charges.",
            "Investigate all threats and attacks against defenders of land and environmental "
            "rights, and bring those responsible to justice.",
            "Lift the travel bans imposed on human rights defenders and guarantee that no "
            "one suffers reprisals for cooperating with the United Nations.",
        ),
        materials=("Attacks on human rights defenders: a record since the last review",),
    ),
    Topic(
        theme="Freedom of association and peaceful assembly",
        subject="freedom of association and peaceful assembly",
        causes=("Civic Space", "Civil Liberties", "Democratic Participation"),
        situations=(
            "Organisations in {country} must obtain a licence to operate and approval for "
            "every grant from abroad, and several have been dissolved since the last "
            "review for failing to file reports on time.",
            "Peaceful protests in {country} are regularly dispersed with force, and "
            "organisers are arrested for holding assemblies without prior authorisation.",
        ),
        recommendations=(
            "Amend the law on associations so that organisations register by simple "
            "notification, and remove the prior approval of foreign funding.",
            "Replace the authorisation regime for assemblies with a notification regime, "
            "before the next review.",
            "Ensure that the police facilitate peaceful assemblies and use force only in "
            "line with the UN Basic Principles on the Use of Force and Firearms, and "
            "investigate every death or injury during protests.",
        ),
        materials=("Civic space in {country}: the laws and their use",),
    ),
    Topic(
        theme="Torture and other CID treatment",
        subject="torture in custody",
        causes=("Prevention of Torture", "Justice", "Dignity"),
        situations=(
            "People arrested in {country} are often held for days without seeing a lawyer "
            "or a doctor, and our lawyers regularly hear of beatings during interrogation.",
            "Courts in {country} still admit confessions that defendants say were obtained "
            "under torture, and no police officer has been convicted of torture since the "
            "last review.",
        ),
        recommendations=(
            "Guarantee access to a lawyer and to an independent medical examination from "
            "the first hour of police custody.",
            "Ensure that every allegation of torture is investigated promptly by a body "
            "independent of the police, and that statements obtained under torture are "
            "excluded as evidence.",
            "Designate an independent national preventive mechanism with unannounced access "
            "to every place of detention, within one year.",
            "Define torture in the Criminal Code in line with the Convention against "
            "Torture, with penalties that reflect its gravity.",
        ),
        materials=("Torture in custody: testimonies and medical findings",),
    ),
    Topic(
        theme="Detention",
        subject="conditions of detention",
        causes=("Prisoners' Rights", "Penal Reform", "Justice"),
        situations=(
            "Prisons in {country} hold far more people than they were built for, and more "
            "than half of those held have not been tried. Some wait years for their trial.",
            "Detainees in {country} depend on their families for food and medicine, and "
            "outbreaks of disease in overcrowded cells are frequent.",
        ),
        recommendations=(
            "Set a maximum length of pre-trial detention in law and review the cases of "
            "everyone who has exceeded it, within one year.",
            "Apply non-custodial measures for minor offences, in line with the Tokyo Rules, "
            "to reduce overcrowding.",
            "Bring prison conditions in line with the Nelson Mandela Rules, starting with "
            "food, health care and clean water, and publish yearly inspection reports.",
        ),
        materials=("Inside our prisons: a monitoring report",),
    ),
    Topic(
        theme="Migrants",
        subject="the rights of migrant workers",
        causes=("Migrant Workers", "Migrants' Rights", "Fair Recruitment"),
        situations=(
            "Migrant workers in {country} pay high recruitment fees, have their passports "
            "kept by their employers and cannot change jobs without permission.",
            "Migrant domestic workers in {country} are excluded from the labour code: they "
            "have no limit on working hours, no weekly day off and nowhere to complain.",
        ),
        recommendations=(
            "Allow migrant workers to change employer and to leave the country without "
            "their employer's permission, before the next review.",
            "Bring domestic workers under the labour code, with limits on working hours, a "
            "weekly day off and access to labour courts.",
            "Prohibit recruitment fees charged to workers, and prosecute employers who "
            "confiscate passports.",
            "Ratify the International Convention on the Protection of the Rights of All "
            "Migrant Workers and Members of Their Families.",
        ),
        materials=("Migrant workers' stories: recruitment, debt and work",),
    ),
    Topic(
        theme="Asylum-seekers - refugees",
        subject="the protection of refugees and asylum-seekers",
        causes=("Refugees", "Asylum Rights", "People on the Move"),
        situations=(
            "Asylum-seekers in {country}, including children, are held in detention while "
            "their claims are examined, sometimes for months.",
            "People arriving at the borders of {country} are turned back without being able "
            "to ask for asylum, and independent observers have no access to the border "
            "areas.",
        ),
        recommendations=(
            "End the detention of asylum-seeking children and families, and use "
            "alternatives to detention, within one year.",
            "Respect the principle of non-refoulement at the borders and allow independent "
            "monitoring of border procedures.",
            "Adopt a national asylum law with a fair procedure and an appeal that suspends "
            "removal, before the next review.",
            "Give refugees access to work, health care and schools on the same footing as "
            "nationals.",
        ),
        materials=("Asylum at the border: what we observed",),
    ),
    Topic(
        theme="Trafficking",
        subject="trafficking in persons",
        causes=("Anti-Trafficking", "Survivors' Rights", "Safe Migration"),
        situations=(
            "Victims of trafficking in {country} are often treated as offenders: they are "
            "arrested for irregular stay or sex work and deported before they can testify.",
            "The national plan against trafficking in {country} expired without being "
            "renewed, and shelters for victims depend entirely on foreign donors.",
        ),
        recommendations=(
            "Adopt a new national action plan against trafficking in persons with a budget "
            "of its own, in 2027.",
            "Ensure that victims of trafficking are not prosecuted for offences they were "
            "compelled to commit, and that they have access to shelter, care and "
            "compensation.",
            "Train labour inspectors, police and judges to identify victims, including "
            "among migrant workers.",
        ),
        materials=("Factsheet: identifying victims of trafficking",),
    ),
    Topic(
        theme="Sexual Orientation and Gender Identity",
        subject="the rights of LGBTI persons",
        causes=("LGBTI Rights", "Equality", "Diversity"),
        situations=(
            "LGBTI persons in {country} face harassment at school, at work and in health "
            "services, and hate crimes against them are not recorded as such.",
            "Transgender people in {country} cannot change their name and gender on their "
            "documents without surgery and a court ruling.",
        ),
        recommendations=(
            "Include sexual orientation, gender identity and sex characteristics among the "
            "prohibited grounds of the anti-discrimination law.",
            "Record and investigate hate crimes based on sexual orientation or gender "
            "identity, and publish the data every year.",
            "Allow legal gender recognition through a simple administrative procedure, "
            "without medical requirements, before the next review.",
        ),
        materials=("Discrimination against LGBTI persons: survey findings",),
    ),
    Topic(
        theme="Environment",
        subject="the right to a healthy environment",
        causes=("Environmental Justice", "Climate Justice", "Clean Air"),
        situations=(
            "Communities living near mines and industrial sites in {country} breathe "
            "polluted air and drink contaminated water, and are never consulted before "
            "permits are granted.",
            "Farming communities in {country} face longer droughts and sudden floods that "
            "destroy their harvests, and have no say in the plans made to adapt to them.",
        ),
        recommendations=(
            "Require environmental impact assessments with public consultation for every "
            "extractive and industrial project, and publish them before permits are "
            "granted.",
            "Recognise the right to a clean, healthy and sustainable environment in law.",
            "Adopt a climate adaptation plan that protects the rights of the communities "
            "most exposed, drawn up with their participation, by 2028.",
        ),
        materials=("Pollution around industrial sites: community monitoring",),
    ),
    Topic(
        theme="Right to water",
        subject="access to safe water",
        causes=("Clean Water", "Water and Sanitation", "Water for All"),
        situations=(
            "Many rural households and informal settlements in {country} have no safe "
            "drinking water, and women and girls spend hours every day fetching it.",
            "Water cuts in the poorer districts of the cities of {country} last for days, "
            "while tariffs have risen since the water service was privatised.",
        ),
        recommendations=(
            "Adopt a plan to provide safe drinking water to every rural household, with "
            "yearly targets, by 2030.",
            "Prohibit water cuts for households unable to pay, and guarantee a minimum "
            "free supply.",
            "Publish water quality data for every district, every quarter.",
        ),
        materials=("Water access map of rural districts",),
    ),
    Topic(
        theme="Right to land",
        subject="land rights",
        causes=("Land Rights", "Rural Communities", "Smallholder Farmers"),
        situations=(
            "Farming communities in {country} are evicted to make way for plantations and "
            "infrastructure projects, often without consultation or fair compensation.",
            "Women in {country} rarely own the land they farm: customary rules pass land to "
            "sons, and widows lose their fields to their husbands' families.",
        ),
        recommendations=(
            "Ensure that no eviction takes place without genuine consultation, adequate "
            "notice, fair compensation and alternative land or housing.",
            "Guarantee women's equal rights to own and inherit land, in statutory and "
            "customary law, and register land jointly in the names of both spouses.",
            "Establish an independent body to hear land disputes, accessible to rural "
            "communities, before the next review.",
        ),
        materials=("Land and evictions: cases documented since the last review",),
    ),
    Topic(
        theme="Right to housing",
        subject="the right to adequate housing",
        causes=("Housing Rights", "Decent Housing", "Urban Justice"),
        situations=(
            "Forced evictions from informal settlements in the cities of {country} have "
            "left families homeless, without notice and without any alternative.",
            "Rents in the cities of {country} have risen far faster than incomes, and "
            "social housing is scarce and allocated without clear criteria.",
        ),
        recommendations=(
            "Adopt a moratorium on forced evictions until a law guarantees consultation, "
            "notice and alternative housing.",
            "Build and allocate social housing under public, transparent criteria, with "
            "priority for families with children and persons with disabilities.",
            "Include the right to adequate housing in the Constitution or in law, with a "
            "remedy before the courts.",
        ),
        materials=("Evictions in informal settlements: a record",),
    ),
    Topic(
        theme="Labour",
        subject="workers' rights",
        causes=("Workers' Rights", "Decent Work", "Trade Union Rights"),
        situations=(
            "Workers in the export processing zones of {country} are dismissed when they "
            "join a union, and many work long hours below the minimum wage.",
            "Most workers in {country} work in the informal economy, without a contract, "
            "social security or protection against unfair dismissal.",
        ),
        recommendations=(
            "Guarantee the right to form and join trade unions, including in export "
            "processing zones, and protect union members against dismissal.",
            "Extend the minimum wage and social security to agricultural and domestic "
            "workers, before the next review.",
            "Increase the number of labour inspectors and give them the right to inspect "
            "any workplace without notice.",
        ),
        materials=("Working conditions in the export processing zones",),
    ),
    Topic(
        theme="Racial discrimination",
        subject="racial discrimination",
        causes=("Racial Equality", "Anti-Racism", "Equal Rights"),
        situations=(
            "People of African descent and minority communities in {country} report "
            "frequent identity checks by the police and discrimination in access to "
            "housing and work.",
            "Hate speech against minorities in {country} has grown, including from public "
            "figures, and the few complaints filed rarely reach a court.",
        ),
        recommendations=(
            "Adopt a comprehensive anti-discrimination law and establish an independent "
            "equality body able to receive complaints and to go to court.",
            "Prohibit ethnic profiling by the police and record the grounds of every "
            "identity check, within two years.",
            "Adopt a national action plan against racism with the participation of the "
            "communities concerned.",
        ),
        materials=("Discrimination in access to housing: testing results",),
    ),
    Topic(
        theme="Death penalty",
        subject="the death penalty",
        causes=("Abolition of the Death Penalty", "Justice", "Right to Life"),
        situations=(
            "Courts in {country} continue to hand down death sentences, including for drug "
            "offences, and executions are carried out without notice to families or "
            "lawyers.",
            "People sentenced to death in {country} wait for years in isolation, and "
            "foreign nationals among them often had no interpreter at trial.",
        ),
        recommendations=(
            "Establish an official moratorium on executions with a view to abolishing the "
            "death penalty, and commute all death sentences to prison terms.",
            "Remove the death penalty for drug offences and for every offence that is not "
            "an intentional killing, before the next review.",
            "Publish yearly figures on death sentences handed down and executions carried out.",
            "Ratify the Second Optional Protocol to the International Covenant on Civil and "
            "Political Rights, aiming at the abolition of the death penalty.",
        ),
        materials=("Death row: the cases we follow",),
        countries=_DEATH_PENALTY_IN_LAW,
    ),
    Topic(
        theme="Enforced disappearances",
        subject="enforced disappearances",
        causes=("Families of the Disappeared", "Truth and Justice", "Memory and Justice"),
        situations=(
            "Families in {country} are still searching for relatives who were taken by "
            "security forces and never seen again. Their complaints go unanswered and some "
            "have been threatened for asking.",
            "In {country}, people are held in secret places of detention for weeks before "
            "being brought before a judge, and their families are told nothing.",
        ),
        recommendations=(
            "Adopt a law criminalising enforced disappearance as an autonomous offence, and "
            "ratify the International Convention for the Protection of All Persons from "
            "Enforced Disappearance.",
            "Establish a central public register of all persons deprived of liberty, "
            "updated within hours of every arrest.",
            "Create a search commission with the powers and budget to trace the "
            "disappeared, with the participation of their families, by 2028.",
            "Protect relatives of the disappeared and their associations against threats "
            "and reprisals.",
        ),
        materials=("The disappeared: families' testimonies",),
        countries=_DISAPPEARANCES_DOCUMENTED,
    ),
    Topic(
        theme="Indigenous peoples",
        subject="the rights of indigenous peoples",
        causes=("Indigenous Peoples", "Indigenous Land Rights", "Traditional Communities"),
        situations=(
            "Mining and logging concessions in {country} are granted on indigenous "
            "territories without the free, prior and informed consent of the peoples who "
            "live there.",
            "The titling of indigenous territories in {country} has stalled, and "
            "communities without titles are evicted by companies holding concessions.",
        ),
        recommendations=(
            "Adopt a law on free, prior and informed consent, drawn up with indigenous "
            "peoples, and apply it to every project on their territories.",
            "Complete the demarcation and titling of indigenous territories, following a "
            "timetable agreed with the communities.",
            "Ensure bilingual and intercultural education in indigenous languages in the "
            "schools of indigenous communities.",
        ),
        materials=("Concessions on indigenous land: a map",),
        countries=_INDIGENOUS_PEOPLES,
    ),
)

_ASKS = (
    "We ask the Permanent Missions to raise {subject} with {country} during the review "
    "and to make the recommendations below.",
    "We call on recommending States to address {subject} in their questions and "
    "recommendations to {country}, and to follow their implementation.",
    "We invite the Permanent Missions to take up these recommendations and to ask "
    "{country} how it will carry them out before the next cycle.",
)
_FOLLOW_UPS = (
    "At its last review, {country} supported several recommendations on {subject}. "
    "Implementation has been slow, and civil society was not consulted on the follow-up.",
    "The Government's mid-term report mentions {subject} only briefly. Our monitoring "
    "shows that the measures announced have not reached the people concerned.",
    "Some steps were taken since the last cycle, including a draft law, but without a "
    "budget and a timetable they will change little for the people concerned.",
)
_SUMMARY_ENDINGS = (
    "We will present what has changed since the last review and recommendations that "
    "recommending States can raise, with clear deadlines.",
    "Our statement draws on cases we documented and on consultations with the "
    "communities concerned, and ends with concrete, time-bound recommendations.",
    "We coordinated our submission with partner organisations and will propose "
    "recommendations that can be measured at the next review.",
)


_ORGANISATION_PATTERNS = (
    "{adjective} Network for {cause}",
    "Association for {cause}",
    "{adjective} Coalition for {cause}",
    "Centre for {cause}",
    "{adjective} Forum for {cause}",
    "Youth for {cause}",
    "Observatory of {cause}",
    "Foundation for {cause}",
    "{adjective} Alliance for {cause}",
)
_ADJECTIVES = ("National", "Grassroots", "Citizens'", "Rural", "Women's", "United",
               "Independent", "Popular", "Civic")  # fmt: skip


def topics_for(country: str) -> list[Topic]:
    """The topics an organisation of this State (ISO code) may speak on."""
    return [topic for topic in TOPICS if topic.suits(country)]


def topic_of(theme: str) -> Topic:
    """The topic of a theme's English name; the first topic for a theme without one."""
    return next((topic for topic in TOPICS if topic.theme == theme), TOPICS[0])


def organisation_name(rng: random.Random, topic: Topic) -> str:
    cause = rng.choice(topic.causes)
    pattern = rng.choice(_ORGANISATION_PATTERNS)
    return pattern.format(adjective=rng.choice(_ADJECTIVES), cause=cause)


def summary(rng: random.Random, topic: Topic, country: str) -> str:
    """What an application says it will present."""
    situation = rng.choice(topic.situations).format(country=country)
    first_sentence = situation.split(". ")[0].rstrip(".") + "."
    return f"{first_sentence} {rng.choice(_SUMMARY_ENDINGS)}"


def statement_text(rng: random.Random, topic: Topic, country: str) -> str:
    """A statement of three paragraphs: the situation, the follow-up, the ask."""
    words = {"country": country, "subject": topic.subject}
    paragraphs = [
        rng.choice(topic.situations).format(**words),
        rng.choice(_FOLLOW_UPS).format(**words),
        rng.choice(_ASKS).format(**words),
    ]
    return "\n\n".join(paragraphs)


def recommendation_texts(rng: random.Random, topic: Topic, count: int) -> list[str]:
    """`count` different recommendations on the topic (at most as many as it has)."""
    return rng.sample(topic.recommendations, min(count, len(topic.recommendations)))


def material_title(rng: random.Random, topic: Topic, country: str) -> str:
    return rng.choice(topic.materials).format(country=country)
